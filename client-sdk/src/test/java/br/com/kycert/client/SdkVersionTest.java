package br.com.kycert.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SDK's version is written in three places; they must agree, and be a semantic version. */
class SdkVersionTest {

    @Test
    void theConstantThePomAndTheParentPropertyAgree() {
        assertThat(KycertClient.VERSION)
                .matches("\\d+\\.\\d+\\.\\d+")
                .isEqualTo(System.getProperty("kycert.sdk.version"))
                .isEqualTo(System.getProperty("kycert.sdk.parent.version"));
        assertThat(ApiRequestor.USER_AGENT).isEqualTo("kycert-java/" + KycertClient.VERSION);
    }
}
