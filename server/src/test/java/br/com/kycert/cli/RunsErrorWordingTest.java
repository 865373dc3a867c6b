package br.com.kycert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.DomainException.Violation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The CLI's wording of the templates, credits and webhooks refusals: the sentences operators have always read. */
class RunsErrorWordingTest {

    static final UUID ID = UUID.fromString("0b0e6c5e-0000-4000-8000-000000000001");

    @Test
    void fieldRefusalsAreWordedWithTheCommandsOptions() {
        assertThat(word(DomainException.invalid("name", Violation.LENGTH, Map.of("min", 1, "max", 200))))
                .isEqualTo("--name must have 1 to 200 characters");
        assertThat(word(DomainException.invalid(
                        "subject_type",
                        Violation.UNKNOWN_VALUE,
                        Map.of("value", "px", "allowed", List.of("pf", "pj")))))
                .isEqualTo("unknown subject type 'px' (use pf, pj)");
        assertThat(word(DomainException.invalid(
                        "timeout_ms", Violation.OUT_OF_RANGE, Map.of("min", 100, "max", 10_000))))
                .isEqualTo("--timeout-ms must be between 100 and 10000");
        assertThat(word(DomainException.invalid(
                        "url", Violation.INVALID_FORMAT, Map.of("expected", "an http(s) URL with a host"))))
                .isEqualTo("--url is not valid: expected an http(s) URL with a host");
        assertThat(word(DomainException.invalid("url", Violation.NOT_ALLOWED, Map.of("value", "user info"))))
                .isEqualTo("--url must not carry credentials");
    }

    @Test
    void sourceAndRuleRefusalsNameTheSourceOrRule() {
        assertThat(word(DomainException.invalid(
                        "sources",
                        Violation.NOT_ALLOWED,
                        Map.of("value", "pep", "subject_type", "pj", "reason", "it does not serve pj subjects"))))
                .isEqualTo("source pep is not allowed here: it does not serve pj subjects");
        assertThat(word(DomainException.invalid("sources", Violation.REQUIRED, Map.of("min_items", 1))))
                .isEqualTo("--sources needs at least 1 source");
        assertThat(word(DomainException.invalid(
                        "rules",
                        Violation.NOT_ALLOWED,
                        Map.of(
                                "rule",
                                "pep_match",
                                "value",
                                "maybe",
                                "allowed",
                                List.of("approved", "review", "rejected", "off")))))
                .isEqualTo("rule pep_match must be approved, review, rejected or off");
    }

    @Test
    void missingResourcesAndConflictsSayWhichOne() {
        assertThat(word(DomainException.notFound("tenant", ID))).isEqualTo("no tenant " + ID);
        assertThat(word(DomainException.notFound("webhook_endpoint", ID))).isEqualTo("no webhook endpoint " + ID);
        assertThat(word(new DomainException(
                        DomainException.Kind.CONFLICT,
                        "webhook_endpoint_not_enabled",
                        "endpoint_id",
                        null,
                        Map.of("id", ID, "status", "disabled", "reason", "50 consecutive failed delivery attempts"),
                        "x")))
                .isEqualTo("endpoint " + ID + " is disabled (50 consecutive failed delivery attempts);"
                        + " enable it first (webhooks enable)");
    }

    private static String word(DomainException e) {
        return ErrorTranslator.word(e);
    }
}
