package br.com.kycert.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogMaskingTest {

    @Test
    void masksDocumentsInAnyFormatting() {
        assertThat(LogMasking.mask("GET /api/v1/bureau/runs/52998224725"))
                .isEqualTo("GET /api/v1/bureau/runs/[document]");
        assertThat(LogMasking.mask("doc=529.982.247-25,")).isEqualTo("doc=[document],");
        assertThat(LogMasking.mask("cnpj KY.CTS.T04/0001-03 and 11222333000181 and kyctst04000103"))
                .isEqualTo("cnpj [document] and [document] and [document]");
    }

    @Test
    void masksDocumentsGluedToANameByAnUnderscore() {
        assertThat(LogMasking.mask("GET /api/v1/bureau/runs?cpf_90000000175=1&doc_KY.CTS.T01/0001-61=2"))
                .isEqualTo("GET /api/v1/bureau/runs?cpf_[document]=1&doc_[document]=2");
        assertThat(LogMasking.mask("field cpf_529.982.247-25_x")).isEqualTo("field cpf_[document]_x");
    }

    @Test
    void masksApiKeys() {
        String key = "sk_test_" + "a".repeat(40) + "ABCDEF";
        assertThat(LogMasking.mask("key " + key + " refused")).isEqualTo("key sk_test_[redacted] refused");
    }

    @Test
    void leavesIdsTimestampsAndWordsAlone() {
        String line =
                "run 3fa85f64-5717-4562-b3fc-2c963f66afa6 req_8f14e45fceea167a5a36dedd4bea2543 at 2026-06-03T12:00:00Z"
                        + " Startup completed in 3752ms, connectionPool12 authentication";
        assertThat(LogMasking.mask(line)).isEqualTo(line);
    }
}
