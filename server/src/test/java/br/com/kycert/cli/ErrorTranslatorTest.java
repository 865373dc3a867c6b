package br.com.kycert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.DomainException.Kind;
import br.com.kycert.shared.DomainException.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ErrorTranslatorTest {

    static final List<String> SCOPES = List.of("runs:write", "runs:read", "detail:read");

    @Test
    void fieldsBecomeTheOptionsThatSetThem() {
        assertThat(ErrorTranslator.option("name")).isEqualTo("--name");
        assertThat(ErrorTranslator.option("expires_at")).isEqualTo("--expires-at");
        assertThat(ErrorTranslator.option("tenant_id")).isEqualTo("--tenant");
        assertThat(ErrorTranslator.noun("scopes")).isEqualTo("scope");
        assertThat(ErrorTranslator.noun("subject_type")).isEqualTo("subject type");
    }

    @Test
    void keyAndTenantRefusalsReadAsTheCliAlwaysWordedThem() {
        assertThat(word(DomainException.invalid("name", Violation.LENGTH, Map.of("min", 1, "max", 200))))
                .isEqualTo("--name must have 1 to 200 characters");
        assertThat(word(DomainException.invalid(
                        "scopes", Violation.UNKNOWN_VALUE, Map.of("value", "runs:delete", "allowed", SCOPES))))
                .isEqualTo("unknown scope 'runs:delete' (use runs:write, runs:read, detail:read)");
        assertThat(word(DomainException.invalid(
                        "scopes", Violation.REQUIRED, Map.of("min_items", 1, "allowed", SCOPES))))
                .isEqualTo("a key needs at least one scope (runs:write, runs:read, detail:read)");
        assertThat(word(DomainException.invalid("scopes", Violation.NOT_APPROVED, Map.of("value", "detail:read"))))
                .isEqualTo("detail:read needs support approval for the tenant first (tenants approve-detail)");
        assertThat(word(DomainException.invalid(
                        "expires_at", Violation.NOT_IN_FUTURE, Map.of("value", Instant.parse("2001-01-01T00:00:00Z")))))
                .isEqualTo("--expires-at must be in the future");
        UUID id = UUID.fromString("3fa85f64-5717-4562-b3fc-2c963f66afa6");
        assertThat(word(DomainException.notFound("tenant", id))).isEqualTo("no tenant " + id);
        assertThat(word(DomainException.notFound("key", id))).isEqualTo("no key " + id);
    }

    @Test
    void everyViolationHasAGenericSentence() {
        assertThat(word(DomainException.invalid(
                        "timeout_ms", Violation.OUT_OF_RANGE, Map.of("min", 100, "max", 30000))))
                .isEqualTo("--timeout-ms must be between 100 and 30000");
        assertThat(word(DomainException.invalid("amount", Violation.OUT_OF_RANGE, Map.of("min", 1))))
                .isEqualTo("--amount must be at least 1");
        assertThat(word(DomainException.invalid("sources", Violation.DUPLICATE, Map.of("value", "pep"))))
                .isEqualTo("source pep is listed twice");
        assertThat(word(DomainException.invalid("url", Violation.INVALID_FORMAT, Map.of("expected", "an http(s) URL"))))
                .isEqualTo("--url is not valid: expected an http(s) URL");
        assertThat(word(DomainException.invalid("url", Violation.REQUIRED, Map.of())))
                .isEqualTo("--url is required");
        assertThat(word(DomainException.invalid(
                        "sources",
                        Violation.NOT_ALLOWED,
                        Map.of("value", "receita_cpf", "reason", "it does not serve pj subjects"))))
                .isEqualTo("source receita_cpf is not allowed here: it does not serve pj subjects");
        for (Violation v : Violation.values()) {
            assertThat(word(DomainException.invalid("some_field", v, Map.of("value", "x"))))
                    .isNotBlank();
        }
    }

    @Test
    void refusalsWithoutAFieldFallBackToTheirSummary() {
        var conflict =
                new DomainException(Kind.CONFLICT, "endpoint_disabled", null, null, Map.of(), "endpoint is disabled");
        assertThat(word(conflict)).isEqualTo("endpoint is disabled");
        var credits = new DomainException(
                Kind.INSUFFICIENT_CREDITS,
                "insufficient_credits",
                null,
                null,
                Map.of("required", 7, "remaining", 2),
                "short");
        assertThat(word(credits)).isEqualTo("not enough credits: this needs 7, the tenant has 2");
    }

    @Test
    void theCliFindsADomainRefusalWrappedInAnotherException() {
        var wrapped = new RuntimeException(new IllegalStateException(DomainException.notFound("key", null)));
        assertThat(Cli.message(wrapped)).isEqualTo("no key");
    }

    private static String word(DomainException e) {
        return ErrorTranslator.word(e);
    }
}
