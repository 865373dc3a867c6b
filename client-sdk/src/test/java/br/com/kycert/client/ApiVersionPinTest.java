package br.com.kycert.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SDK pins the version of the spec it was generated from, and sends it on every request. */
class ApiVersionPinTest {

    @Test
    void theDefaultPinIsTheSpecsVersion() throws IOException {
        String spec = Files.readString(Path.of("../openapi/kycert.yaml"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("(?m)^  version: \"([0-9-]+)\"$").matcher(spec);
        assertThat(version.find()).isTrue();
        assertThat(KycertClient.API_VERSION).isEqualTo(version.group(1));
        assertThat(br.com.kycert.client.model.ApiVersion.fromValue(KycertClient.API_VERSION)
                        .getValue())
                .isEqualTo(KycertClient.API_VERSION);
    }
}
