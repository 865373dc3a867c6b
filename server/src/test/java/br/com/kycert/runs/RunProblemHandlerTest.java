package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.Problem;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.DomainException.Fault;
import br.com.kycert.shared.DomainException.Violation;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.web.ProblemRenderer;
import io.micronaut.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The HTTP wording of every runs refusal: the statuses, details and field errors API clients have always read. */
class RunProblemHandlerTest {

    static final UUID RUN = UUID.fromString("0b0e6c5e-0000-4000-8000-000000000001");

    final RunProblemHandler handler = new RunProblemHandler(new ProblemRenderer());

    @Test
    void everyMissingFieldIsListedInOneAnswer() {
        Problem p = problem(RunRefusal.invalid(List.of(
                new Fault("template_id", Violation.REQUIRED, Map.of()),
                new Fault("subject.type", Violation.REQUIRED, Map.of("allowed", List.of(SubjectType.values()))),
                new Fault("subject.doc", Violation.REQUIRED, Map.of()),
                new Fault("subject.name", Violation.REQUIRED, Map.of()))));
        assertThat(p.getStatus()).isEqualTo(422);
        assertThat(p.getCode()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(p.getDetail())
                .isEqualTo("The request has invalid fields: template_id, subject.type, subject.doc, subject.name.");
        assertThat(p.getErrors())
                .containsExactly(
                        new FieldError("template_id", "required", "template_id is required."),
                        new FieldError("subject.type", "required", "subject.type is required (pf or pj)."),
                        new FieldError("subject.doc", "required", "subject.doc is required."),
                        new FieldError("subject.name", "required", "subject.name is required."));
        assertThat(problem(RunRefusal.invalid(List.of(new Fault("subject", Violation.REQUIRED, Map.of()))))
                        .getErrors())
                .containsExactly(new FieldError("subject", "required", "subject is required."));
    }

    @Test
    void lengthsHaveTheSpecsFieldCodes() {
        Problem p = problem(RunRefusal.invalid(List.of(
                new Fault("subject.doc", Violation.INVALID_FORMAT, Map.of("reason", "A CPF has 11 digits.")),
                new Fault("subject.name", Violation.LENGTH, Map.of("max", 200)),
                new Fault("external_id", Violation.LENGTH, Map.of("min", 1, "max", 128)))));
        assertThat(p.getCode()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(p.getDetail()).isEqualTo("The request has invalid fields: subject.doc, subject.name, external_id.");
        assertThat(p.getErrors())
                .containsExactly(
                        new FieldError("subject.doc", "invalid_document", "A CPF has 11 digits."),
                        new FieldError("subject.name", "too_long", "subject.name has at most 200 characters."),
                        new FieldError("external_id", "invalid_length", "external_id has 1 to 128 characters."));
    }

    @Test
    void aWrongDocumentAloneIsInvalidDocumentNamingCpfOrCnpj() {
        Problem cnpj = problem(RunRefusal.invalid(List.of(new Fault(
                "subject.doc",
                Violation.INVALID_FORMAT,
                Map.of("subject_type", SubjectType.PJ, "reason", "The CNPJ check digits do not match.")))));
        assertThat(cnpj.getStatus()).isEqualTo(422);
        assertThat(cnpj.getCode()).isEqualTo(ProblemCode.INVALID_DOCUMENT);
        assertThat(cnpj.getDetail()).isEqualTo("subject.doc is not a valid CNPJ.");
        assertThat(cnpj.getErrors())
                .containsExactly(
                        new FieldError("subject.doc", "invalid_document", "The CNPJ check digits do not match."));

        Problem tooLong = problem(RunRefusal.invalid(List.of(
                new Fault("subject.doc", Violation.LENGTH, Map.of("subject_type", SubjectType.PF, "max", 32)))));
        assertThat(tooLong.getCode()).isEqualTo(ProblemCode.INVALID_DOCUMENT);
        assertThat(tooLong.getDetail()).isEqualTo("subject.doc is not a valid CPF.");
        assertThat(tooLong.getErrors())
                .containsExactly(new FieldError("subject.doc", "invalid_document", "subject.doc is too long."));

        assertThat(problem(RunRefusal.invalid(List.of(new Fault("subject.doc", Violation.REQUIRED, Map.of()))))
                        .getCode())
                .as("a missing document is a missing field, not an invalid document")
                .isEqualTo(ProblemCode.VALIDATION_FAILED);
    }

    @Test
    void aTemplateForTheOtherSubjectType() {
        Problem p = problem(RunRefusal.templateSubjectMismatch(SubjectType.PJ, SubjectType.PF));
        assertThat(p.getStatus()).isEqualTo(422);
        assertThat(p.getCode()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(p.getDetail()).isEqualTo("The template is for pj subjects but the subject is pf.");
        assertThat(p.getErrors())
                .containsExactly(new FieldError(
                        "subject.type", "template_subject_mismatch", "The template is for pj subjects."));
    }

    @Test
    void stateAndPermissionRefusals() {
        Problem restricted = problem(RunRefusal.subjectTypeNotAllowed(SubjectType.PF, SubjectType.PJ));
        assertThat(restricted.getStatus()).isEqualTo(403);
        assertThat(restricted.getCode()).isEqualTo(ProblemCode.SUBJECT_TYPE_NOT_ALLOWED);
        assertThat(restricted.getDetail()).isEqualTo("This key is restricted to pf subjects.");
        assertThat(restricted.getErrors()).isNull();

        Problem credits = problem(RunRefusal.insufficientCredits(7, 3));
        assertThat(credits.getStatus()).isEqualTo(402);
        assertThat(credits.getCode()).isEqualTo(ProblemCode.INSUFFICIENT_CREDITS);
        assertThat(credits.getDetail()).isEqualTo("This run needs 7 credits; your tenant has 3.");
        assertThat(credits.getRequired()).isEqualTo(7L);
        assertThat(credits.getRemaining()).isEqualTo(3L);

        Problem reused = problem(RunRefusal.idempotencyKeyReused());
        assertThat(reused.getStatus()).isEqualTo(409);
        assertThat(reused.getDetail()).isEqualTo("This Idempotency-Key was used with a different request body.");
        assertThat(reused.getRequired()).isNull();

        Problem failed = problem(RunRefusal.runFailed(RUN));
        assertThat(failed.getStatus()).isEqualTo(409);
        assertThat(failed.getCode()).isEqualTo(ProblemCode.RUN_FAILED);
        assertThat(failed.getDetail())
                .isEqualTo("The run failed (no source could be queried), so it has no analysis and never will."
                        + " This is final: create a new run to check the subject again. Nothing was charged.");

        Problem running = problem(RunRefusal.runNotCompleted(RUN, RunEntity.Status.RUNNING));
        assertThat(running.getStatus()).isEqualTo(409);
        assertThat(running.getCode()).isEqualTo(ProblemCode.RUN_NOT_COMPLETED);
        assertThat(running.getDetail()).isEqualTo("The run is running; its analysis exists once it is completed.");
    }

    @Test
    void aForeignCursor() {
        Problem p = problem(RunRefusal.invalidCursor());
        assertThat(p.getStatus()).isEqualTo(400);
        assertThat(p.getCode()).isEqualTo(ProblemCode.INVALID_CURSOR);
        assertThat(p.getDetail())
                .isEqualTo("The cursor is not valid for this listing: pass next_cursor exactly as received, with the"
                        + " same key and the same filters as the request that returned it.");
        assertThat(p.getErrors())
                .containsExactly(new FieldError(
                        "cursor", "invalid_cursor", "Not a cursor issued by this API for this listing."));
    }

    @Test
    void everyRunRefusalCodeIsAProblemCodeOfTheSpec() {
        for (String code : RunRefusal.CODES) {
            assertThat(ProblemCode.VALUE_MAPPING).as(code).containsKey(code);
        }
    }

    private Problem problem(RunRefusal refusal) {
        return handler.handle(HttpRequest.GET("/api/v1/bureau/runs"), refusal)
                .getBody()
                .orElseThrow();
    }
}
