package br.com.kycert.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A rule of the domain refused an operation. Services throw it with a stable {@link #code()} (the
 * same codes the API uses), the {@link #field()} at fault and the {@link #facts()} a front end
 * needs to word the answer; each front end (HTTP API, CLI, dashboard) words it its own way. The
 * message is a plain English summary for logs only and never carries a secret or a document.
 */
public class DomainException extends RuntimeException {

    /** What kind of refusal this is; front ends map it to their own status (422, 404, 409, 402...). */
    public enum Kind {
        /** An input breaks a rule ({@code validation_failed}). */
        INVALID,
        /** The referenced resource does not exist for the caller ({@code *_not_found}). */
        NOT_FOUND,
        /** The operation is not allowed in the resource's current state. */
        CONFLICT,
        /** The caller may not do this (a missing approval, a role that does not allow it). */
        FORBIDDEN,
        /** Not enough credits ({@code insufficient_credits}). */
        INSUFFICIENT_CREDITS
    }

    /** Why a field was refused; front ends word each one, using {@link #facts()}. */
    public enum Violation {
        REQUIRED,
        LENGTH,
        UNKNOWN_VALUE,
        INVALID_FORMAT,
        OUT_OF_RANGE,
        NOT_IN_FUTURE,
        NOT_APPROVED,
        DUPLICATE,
        NOT_ALLOWED
    }

    /** One refused field of a request that breaks several rules at once: which, why, and the facts to word it. */
    public record Fault(String field, Violation violation, Map<String, Object> facts) {
        public Fault {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(violation, "violation");
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final Violation violation;
    private final Map<String, Object> facts;
    private final List<Fault> faults;

    public DomainException(
            Kind kind, String code, String field, Violation violation, Map<String, Object> facts, String summary) {
        super(summary, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.violation = violation;
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        this.faults = field == null || violation == null ? List.of() : List.of(new Fault(field, violation, facts));
    }

    /**
     * Several refused fields at once ({@link #field()}, {@link #violation()} and {@link #facts()} are the first
     * one's), so a front end can list every field to fix in one answer.
     */
    protected DomainException(Kind kind, String code, List<Fault> faults, String summary) {
        super(summary, null, false, false);
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("no fault");
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.faults = List.copyOf(faults);
        this.field = this.faults.get(0).field();
        this.violation = this.faults.get(0).violation();
        this.facts = this.faults.get(0).facts();
    }

    /** {@code validation_failed} on one field. */
    public static DomainException invalid(String field, Violation violation, Map<String, Object> facts) {
        return new DomainException(
                Kind.INVALID,
                "validation_failed",
                field,
                violation,
                facts,
                field + ": " + violation.name().toLowerCase(Locale.ROOT) + " " + facts);
    }

    /** {@code <resource>_not_found}, e.g. {@code notFound("tenant", id)} → {@code tenant_not_found}. */
    public static DomainException notFound(String resource, UUID id) {
        return new DomainException(
                Kind.NOT_FOUND,
                resource + "_not_found",
                null,
                null,
                id == null ? Map.of("resource", resource) : Map.of("resource", resource, "id", id),
                "no " + resource + " " + id);
    }

    public Kind kind() {
        return kind;
    }

    /** The stable machine code, as the API uses it ({@code validation_failed}, {@code tenant_not_found}...). */
    public String code() {
        return code;
    }

    /** The field at fault (snake_case, as in the API), or null. */
    public String field() {
        return field;
    }

    /** Why the field was refused, or null when no field is at fault. */
    public Violation violation() {
        return violation;
    }

    /** Every refused field, in the order the rules were checked; empty when no field is at fault. */
    public List<Fault> faults() {
        return faults;
    }

    /** What a front end needs to word it: {@code min}, {@code max}, {@code allowed}, {@code value}, {@code id}... */
    public Map<String, Object> facts() {
        return facts;
    }
}
