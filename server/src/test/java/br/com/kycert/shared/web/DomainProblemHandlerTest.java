package br.com.kycert.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.DomainException.Kind;
import br.com.kycert.shared.DomainException.Violation;
import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DomainProblemHandlerTest {

    @Test
    void aRefusedFieldIsA422WithOneFieldError() {
        var e = DomainException.invalid(
                "scopes",
                Violation.UNKNOWN_VALUE,
                Map.of("value", "runs:delete", "allowed", List.of("runs:write", "runs:read")));
        assertThat(DomainProblemHandler.status(e.kind()).getCode()).isEqualTo(422);
        assertThat(DomainProblemHandler.code(e)).contains(ProblemCode.VALIDATION_FAILED);
        var error = DomainProblemHandler.fieldError(e).orElseThrow();
        assertThat(error.getField()).isEqualTo("scopes");
        assertThat(error.getCode()).isEqualTo("unknown_value");
        assertThat(error.getMessage()).isEqualTo("Unknown value 'runs:delete'; allowed: runs:write, runs:read.");
    }

    @Test
    void kindsChooseTheStatus() {
        assertThat(DomainProblemHandler.status(Kind.NOT_FOUND).getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(DomainProblemHandler.status(Kind.CONFLICT).getCode()).isEqualTo(HttpStatus.CONFLICT.getCode());
        assertThat(DomainProblemHandler.status(Kind.FORBIDDEN).getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(DomainProblemHandler.status(Kind.INSUFFICIENT_CREDITS).getCode())
                .isEqualTo(HttpStatus.PAYMENT_REQUIRED.getCode());
    }

    @Test
    void onlyTheSpecsProblemCodesCanBeSent() {
        assertThat(DomainProblemHandler.code(DomainException.notFound("template", UUID.randomUUID())))
                .contains(ProblemCode.TEMPLATE_NOT_FOUND);
        assertThat(DomainProblemHandler.code(DomainException.notFound("tenant", UUID.randomUUID())))
                .isEmpty();
    }

    @Test
    void everyViolationHasAnEnglishSentence() {
        for (Violation v : Violation.values()) {
            assertThat(DomainProblemHandler.message(DomainException.invalid("f", v, Map.of("value", "x"))))
                    .endsWith(".");
        }
    }
}
