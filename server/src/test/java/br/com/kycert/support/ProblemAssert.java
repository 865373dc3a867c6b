package br.com.kycert.support;

import static org.assertj.core.api.Assertions.assertThat;

/** What every problem response must look like to a client. */
public final class ProblemAssert {

    private ProblemAssert() {}

    public static void assertProblem(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.json().get("type").getStringValue()).isEqualTo("/problems/" + code);
        assertThat(r.json().get("status").getIntValue()).isEqualTo(status);
        assertThat(r.json().get("title").getStringValue()).isNotBlank();
        assertThat(r.json().get("request_id").getStringValue())
                .isEqualTo(r.header("X-Request-Id").orElseThrow());
        assertThat(r.header("x-kycert-api-version"))
                .hasValueSatisfying(v -> assertThat(br.com.kycert.shared.web.ApiVersions.supported())
                        .contains(v));
        assertThat(r.body()).doesNotContain("Exception", "io.micronaut", "br.com.kycert", "at java.");
    }
}
