package br.com.kycert.runs;

import br.com.kycert.rules.DecisionRules;
import br.com.kycert.rules.Outcome;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.TenantScope;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A run: what was asked ({@link Request}), where it stands ({@link Status}), and once it is finished
 * its {@link Result}. Built only through {@link #queued} and the transitions, never field by field.
 * Other features see finished runs (e.g. webhooks, through {@link RunFinishedListener}).
 *
 * @param result null until the run is finished
 */
public record RunEntity(
        UUID id, TenantScope scope, Request request, Status status, Result result, Credits credits, Times times) {

    /** Queued → running → completed or failed. */
    public enum Status {
        QUEUED("queued"),
        RUNNING("running"),
        COMPLETED("completed"),
        FAILED("failed");

        private final String value;

        Status(String value) {
            this.value = value;
        }

        /** The wire and database value. */
        public String value() {
            return value;
        }

        public boolean finished() {
            return this == COMPLETED || this == FAILED;
        }

        public static Optional<Status> find(String value) {
            return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
        }

        /** For values read back from the database, which its CHECK constraint keeps valid. */
        public static Status of(String value) {
            return find(value).orElseThrow(() -> new IllegalStateException("unknown run status in storage: " + value));
        }
    }

    /** Whether every source of a finished run answered. */
    public enum Completeness {
        FULL("full"),
        PARTIAL("partial");

        private final String value;

        Completeness(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** For values read back from the database, which its CHECK constraint keeps valid. */
        public static Completeness of(String value) {
            return Arrays.stream(values())
                    .filter(c -> c.value.equals(value))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown completeness in storage: " + value));
        }
    }

    /** Whom the run checks. {@code doc} is the canonical document: never logged, masked in the API. */
    public record Subject(SubjectType type, String doc, String name) {}

    /** What the run was created with; it never changes afterwards. */
    public record Request(
            UUID templateId, int templateVersion, Subject subject, String externalId, UUID createdByKey) {}

    /** What a finished run came to. {@code decision} is null for a failed run (no source answered). */
    public record Result(
            Outcome decision,
            Completeness completeness,
            boolean complianceAlert,
            List<DecisionRules.Reason> reasons,
            List<DecisionRules.RuleResult> ruleResults) {

        public Result {
            reasons = List.copyOf(reasons);
            ruleResults = List.copyOf(ruleResults);
        }

        /** The result a decision of the rules gives. */
        static Result of(DecisionRules.Decision decision) {
            return new Result(
                    decision.failed() ? null : decision.outcome(),
                    decision.partial() ? Completeness.PARTIAL : Completeness.FULL,
                    decision.complianceAlert(),
                    decision.reasons(),
                    decision.ruleResults());
        }
    }

    /** Live credits: {@code wouldCharge} is the cost of the run (reported in sandbox too), {@code charged} what was taken. */
    public record Credits(long charged, long wouldCharge) {}

    public record Times(Instant createdAt, Instant updatedAt, Instant completedAt) {}

    public RunEntity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        if (status.finished() != (result != null)) {
            throw new IllegalArgumentException("a run has a result exactly when it is finished: " + status);
        }
    }

    /** A new run, waiting for a worker; {@code wouldCharge} is the cost of all its sources. */
    static RunEntity queued(UUID id, TenantScope scope, Request request, long wouldCharge, Instant at) {
        return new RunEntity(
                id, scope, request, Status.QUEUED, null, new Credits(0, wouldCharge), new Times(at, at, null));
    }

    /**
     * Completed with the rules' decision. {@code cost} is what its answering sources cost: charged
     * in live, only reported in sandbox.
     */
    RunEntity completed(Result result, long cost, Instant at) {
        return finish(Status.COMPLETED, result, cost, at);
    }

    /** Failed: no source answered, so nothing is charged. */
    RunEntity failed(Result result, Instant at) {
        return finish(Status.FAILED, result, 0, at);
    }

    /** Completed or failed, as the rules' decision says. */
    RunEntity finished(DecisionRules.Decision decision, long cost, Instant at) {
        Result result = Result.of(decision);
        return decision.failed() ? failed(result, at) : completed(result, cost, at);
    }

    private RunEntity finish(Status finished, Result outcome, long cost, Instant at) {
        if (status.finished()) {
            throw new IllegalStateException("run " + id + " is already " + status.value());
        }
        return new RunEntity(
                id,
                scope,
                request,
                finished,
                outcome,
                new Credits(live() ? cost : 0, cost),
                new Times(times.createdAt(), at, at));
    }

    public boolean live() {
        return scope.environment() == Environment.LIVE;
    }

    /** A live run with a cost reserves it from the tenant's credits when it is created; anything else reserves none. */
    boolean reservesCredits() {
        return live() && credits.wouldCharge() > 0;
    }

    public Subject subject() {
        return request.subject();
    }
}
