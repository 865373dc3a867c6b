package br.com.kycert.client;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.client.invoker.ApiClient;
import br.com.kycert.client.model.RunDetail;
import br.com.kycert.client.model.SubjectInput;
import br.com.kycert.client.model.SubjectType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Models print on one line and never print a full CPF or CNPJ, nor a raw source payload. */
class ModelToStringTest {

    private static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper();

    @Test
    void aRunRequestPrintsOnOneLineWithTheCpfMasked() {
        String text = Fixtures.createRunRequest().toString();

        assertThat(text)
                .isEqualTo(
                        "CreateRunRequest{templateId=" + Fixtures.TEMPLATE_ID
                                + ", subject=SubjectInput{type=pf, doc=***.000.001-**, name=João Silva}, externalId=cust_abc123}");
        assertThat(text)
                .doesNotContain("900.000.001-75")
                .doesNotContain("90000000175")
                .doesNotContain("\n");
    }

    @Test
    void anAlphanumericCnpjIsMaskedToo() {
        SubjectInput company = new SubjectInput()
                .type(SubjectType.PJ)
                .doc("12.ABC.345/01DE-35")
                .name("Empresa");

        assertThat(company.toString())
                .contains("doc=**.ABC.345/****-**")
                .doesNotContain("01DE")
                .doesNotContain("12ABC");
    }

    @Test
    void anUnusualDocumentIsOnlyAsterisks() {
        assertThat(new SubjectInput().doc("123").toString()).contains("doc=***,");
        assertThat(new SubjectInput().toString()).contains("doc=null");
    }

    @Test
    void theDetailOfARunMasksTheDocumentAndLeavesOutRawPayloads() throws Exception {
        RunDetail detail = JSON.readValue("""
                {"run_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","status":"completed",
                 "subject":{"type":"pf","doc":"90000000256","name":"Maria Souza"},
                 "sources":[{"source":"pep","required":true,"status":"ok","attempts":1,"latency_ms":12,"cost":2,
                   "started_at":"2026-06-03T12:00:00Z","completed_at":"2026-06-03T12:00:01Z","error":null,
                   "raw":{"cpf":"90000000256","nome":"Maria Souza","pep":true}}]}
                """, RunDetail.class);

        String text = detail.toString();

        assertThat(text)
                .contains("doc=***.000.002-**")
                .contains("raw=<omitted>")
                .contains("source=pep");
        assertThat(text).doesNotContain("90000000256").doesNotContain("\n");
    }

    @Test
    void equalityStillComparesTheFullDocument() {
        SubjectInput a = new SubjectInput().type(SubjectType.PF).doc("900.000.001-75");
        SubjectInput b = new SubjectInput().type(SubjectType.PF).doc("900.000.002-56");

        assertThat(a.toString()).isNotEqualTo(b.toString());
        assertThat(a).isNotEqualTo(b);
        assertThat(a.getDoc()).isEqualTo("900.000.001-75");
    }
}
