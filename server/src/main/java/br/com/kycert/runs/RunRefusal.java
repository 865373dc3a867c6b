package br.com.kycert.runs;

import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.SubjectType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A runs rule refused a request: the stable code (the API's), the field(s) at fault and the facts a front end needs
 * to word it. {@link RunProblemHandler} words it for the HTTP API; the service holds no wording. A run or template
 * that does not exist for the caller is the plain {@link DomainException#notFound}.
 */
public final class RunRefusal extends DomainException {

    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String INVALID_DOCUMENT = "invalid_document";
    public static final String SUBJECT_TYPE_NOT_ALLOWED = "subject_type_not_allowed";
    public static final String INSUFFICIENT_CREDITS = "insufficient_credits";
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    public static final String RUN_FAILED = "run_failed";
    public static final String RUN_NOT_COMPLETED = "run_not_completed";
    public static final String INVALID_CURSOR = "invalid_cursor";

    /** Every code a {@link RunRefusal} can carry: the HTTP API must know each one. */
    public static final List<String> CODES = List.of(
            VALIDATION_FAILED,
            INVALID_DOCUMENT,
            SUBJECT_TYPE_NOT_ALLOWED,
            INSUFFICIENT_CREDITS,
            IDEMPOTENCY_KEY_REUSED,
            RUN_FAILED,
            RUN_NOT_COMPLETED,
            INVALID_CURSOR);

    /** The subject fields whose document rules make a request's code {@code invalid_document}. */
    static final String DOC = "subject.doc";

    private RunRefusal(Kind kind, String code, String field, Violation violation, Map<String, Object> facts) {
        super(kind, code, field, violation, facts, code + (field == null ? "" : " on " + field) + " " + facts);
    }

    private RunRefusal(String code, List<Fault> faults) {
        super(
                Kind.INVALID,
                code,
                faults,
                code + " on " + faults.stream().map(Fault::field).toList());
    }

    /**
     * The request breaks one or more field rules, listed in the order they were checked. When only the document is
     * wrong (its length or its check digits, not its absence) the code is {@code invalid_document}.
     */
    static RunRefusal invalid(List<Fault> faults) {
        boolean onlyDocument = faults.stream().allMatch(f -> f.field().equals(DOC))
                && faults.stream()
                        .anyMatch(f -> f.violation() == Violation.LENGTH || f.violation() == Violation.INVALID_FORMAT);
        return new RunRefusal(onlyDocument ? INVALID_DOCUMENT : VALIDATION_FAILED, faults);
    }

    /** The key is restricted to {@code allowed} subjects, and the request or the run is about another type. */
    static RunRefusal subjectTypeNotAllowed(SubjectType allowed, SubjectType presented) {
        return new RunRefusal(
                Kind.FORBIDDEN,
                SUBJECT_TYPE_NOT_ALLOWED,
                "subject.type",
                Violation.NOT_ALLOWED,
                Map.of("value", presented, "allowed", allowed));
    }

    /** The template is for {@code template} subjects; the request's subject is of another type. */
    static RunRefusal templateSubjectMismatch(SubjectType template, SubjectType subject) {
        return new RunRefusal(
                Kind.INVALID,
                VALIDATION_FAILED,
                "subject.type",
                Violation.NOT_ALLOWED,
                Map.of("value", subject, "template_subject_type", template));
    }

    /** A live run must reserve {@code required} credits; the tenant has {@code remaining}. */
    static RunRefusal insufficientCredits(long required, long remaining) {
        return new RunRefusal(
                Kind.INSUFFICIENT_CREDITS,
                INSUFFICIENT_CREDITS,
                null,
                null,
                Map.of("required", required, "remaining", remaining));
    }

    /** The idempotency key was first used with another request. */
    static RunRefusal idempotencyKeyReused() {
        return new RunRefusal(Kind.CONFLICT, IDEMPOTENCY_KEY_REUSED, null, null, Map.of());
    }

    /** The run failed: it has no analysis and never will. */
    static RunRefusal runFailed(UUID run) {
        return new RunRefusal(Kind.CONFLICT, RUN_FAILED, null, null, Map.of("id", run));
    }

    /** The run is still {@code status}; its analysis exists once it is completed. */
    static RunRefusal runNotCompleted(UUID run, RunEntity.Status status) {
        return new RunRefusal(Kind.CONFLICT, RUN_NOT_COMPLETED, null, null, Map.of("id", run, "status", status));
    }

    /** A listing cursor this API did not issue for this caller and these filters. */
    static RunRefusal invalidCursor() {
        return new RunRefusal(Kind.INVALID, INVALID_CURSOR, "cursor", Violation.INVALID_FORMAT, Map.of());
    }
}
