package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every guide is on the classpath under docs/guides/, byte for byte, for the server to serve. */
class PackagingTest {

    @Test
    void everyGuideIsAClasspathResourceUnderDocs() throws IOException {
        for (Markdown guide : Guides.all()) {
            String resource = "docs/"
                    + Guides.dir()
                            .getParent()
                            .relativize(guide.path())
                            .toString()
                            .replace('\\', '/');
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .as(resource)
                        .isEqualTo(guide.text());
            }
        }
    }
}
