package br.com.kycert.runs;

import br.com.kycert.api.model.Completeness;
import br.com.kycert.api.model.Credits;
import br.com.kycert.api.model.Decision;
import br.com.kycert.api.model.Environment;
import br.com.kycert.api.model.Reason;
import br.com.kycert.api.model.RuleResult;
import br.com.kycert.api.model.Run;
import br.com.kycert.api.model.RunAnalysis;
import br.com.kycert.api.model.RunCompleteness;
import br.com.kycert.api.model.RunDecision;
import br.com.kycert.api.model.RunDetail;
import br.com.kycert.api.model.RunObject;
import br.com.kycert.api.model.RunStatus;
import br.com.kycert.api.model.Severity;
import br.com.kycert.api.model.SourceCheck;
import br.com.kycert.api.model.SourceStatus;
import br.com.kycert.api.model.SourceSummary;
import br.com.kycert.api.model.SourceSummaryOutcome;
import br.com.kycert.api.model.Subject;
import br.com.kycert.api.model.SubjectDetail;
import br.com.kycert.api.model.SubjectType;
import br.com.kycert.api.model.TemplateRef;
import br.com.kycert.rules.DecisionRules;
import br.com.kycert.rules.Outcome;
import br.com.kycert.shared.jdbc.Sql;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Between run entities and the spec's DTOs; domain and wire values share their spelling. */
@Singleton
class RunMapper {

    private final ObjectMapper json;

    RunMapper(ObjectMapper json) {
        this.json = json;
    }

    Run toRun(RunEntity r) {
        RunEntity.Request request = r.request();
        RunEntity.Result result = r.result();
        return new Run(
                r.id(),
                RunObject.BUREAU_RUN,
                Environment.fromValue(r.scope().environment().value()),
                new TemplateRef(request.templateId(), request.templateVersion()),
                new Subject(
                        SubjectType.fromValue(r.subject().type().value()),
                        Documents.mask(r.subject().type(), r.subject().doc()),
                        r.subject().name()),
                request.externalId(),
                RunStatus.fromValue(r.status().value()),
                result == null || result.decision() == null
                        ? null
                        : RunDecision.fromValue(result.decision().value()),
                result == null
                        ? null
                        : RunCompleteness.fromValue(result.completeness().value()),
                result != null && result.complianceAlert(),
                result == null
                        ? List.of()
                        : result.reasons().stream().map(RunMapper::reason).toList(),
                new Credits(r.credits().charged(), r.credits().wouldCharge()),
                Sql.utc(r.times().createdAt()),
                Sql.utc(r.times().updatedAt()),
                Sql.utc(r.times().completedAt()));
    }

    RunDetail toDetail(RunEntity r, List<SourceCheckEntity> checks) {
        return new RunDetail(
                r.id(),
                RunStatus.fromValue(r.status().value()),
                new SubjectDetail(
                        SubjectType.fromValue(r.subject().type().value()),
                        r.subject().doc(),
                        r.subject().name()),
                checks.stream()
                        .map(c -> new SourceCheck(
                                c.source(),
                                c.required(),
                                SourceStatus.fromValue(c.status().value()),
                                c.answer().attempts(),
                                c.answer().latencyMs(),
                                c.cost(),
                                Sql.utc(c.answer().startedAt()),
                                Sql.utc(c.answer().completedAt()),
                                c.answer().error(),
                                c.answer().raw()))
                        .toList());
    }

    /** The analysis of a completed run (its decision is set). */
    RunAnalysis toAnalysis(RunEntity r, List<SourceCheckEntity> checks) {
        RunEntity.Result result = r.result();
        return new RunAnalysis(
                r.id(),
                Decision.fromValue(result.decision().value()),
                Completeness.fromValue(result.completeness().value()),
                result.complianceAlert(),
                result.reasons().stream().map(RunMapper::reason).toList(),
                result.ruleResults().stream()
                        .map(rule -> new RuleResult(
                                rule.rule(), Decision.fromValue(rule.outcome().value()), rule.source(), rule.matched()))
                        .toList(),
                checks.stream()
                        .map(c -> new SourceSummary(
                                c.source(),
                                c.required(),
                                SourceStatus.fromValue(c.status().value()),
                                c.outcome() == null
                                        ? null
                                        : SourceSummaryOutcome.fromValue(
                                                c.outcome().value())))
                        .toList());
    }

    /** The filters of {@code listRuns}, from the query parameters the generated interface parsed. */
    static RunRepository.ListFilter filter(
            RunStatus status,
            Decision decision,
            String externalId,
            UUID templateId,
            SubjectType subjectType,
            OffsetDateTime createdAfter,
            OffsetDateTime createdBefore) {
        return new RunRepository.ListFilter(
                status == null ? null : RunEntity.Status.find(status.getValue()).orElseThrow(),
                decision == null ? null : Outcome.find(decision.getValue()).orElseThrow(),
                externalId,
                templateId,
                subjectType == null
                        ? null
                        : br.com.kycert.shared.SubjectType.find(subjectType.getValue())
                                .orElseThrow(),
                createdAfter == null ? null : createdAfter.toInstant(),
                createdBefore == null ? null : createdBefore.toInstant());
    }

    private static Reason reason(DecisionRules.Reason r) {
        return new Reason(r.code(), Severity.fromValue(r.outcome().severity()), r.source(), r.message());
    }

    String write(Run run) {
        try {
            return json.writeValueAsString(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Run read(String stored) {
        try {
            return json.readValue(stored, Run.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
