package br.com.kycert.runs;

import br.com.kycert.api.model.Completeness;
import br.com.kycert.api.model.Credits;
import br.com.kycert.api.model.Decision;
import br.com.kycert.api.model.Environment;
import br.com.kycert.api.model.Reason;
import br.com.kycert.api.model.Run;
import br.com.kycert.api.model.RunCompleteness;
import br.com.kycert.api.model.RunDecision;
import br.com.kycert.api.model.RunDetail;
import br.com.kycert.api.model.RunObject;
import br.com.kycert.api.model.RunStatus;
import br.com.kycert.api.model.SourceCheck;
import br.com.kycert.api.model.SourceStatus;
import br.com.kycert.api.model.SourceSummary;
import br.com.kycert.api.model.SourceSummaryOutcome;
import br.com.kycert.api.model.Subject;
import br.com.kycert.api.model.SubjectDetail;
import br.com.kycert.api.model.SubjectType;
import br.com.kycert.api.model.TemplateRef;
import br.com.kycert.shared.jdbc.Sql;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Between stored runs and the spec's DTOs. */
@Singleton
class RunMapper {

    private final ObjectMapper json;

    RunMapper(ObjectMapper json) {
        this.json = json;
    }

    Run toRun(RunRecord r) {
        return new Run(
                r.id(),
                RunObject.BUREAU_RUN,
                Environment.fromValue(r.environment().value()),
                new TemplateRef(r.templateId(), r.templateVersion()),
                new Subject(SubjectType.fromValue(r.subjectType()), Documents.mask(r.subjectType(), r.subjectDoc()),
                        r.subjectName()),
                r.externalId(),
                RunStatus.fromValue(r.status()),
                r.decision() == null ? null : RunDecision.fromValue(r.decision()),
                r.completeness() == null ? null : RunCompleteness.fromValue(r.completeness()),
                r.complianceAlert(),
                reasons(r.reasons()),
                new Credits(r.creditsCharged(), r.wouldCharge()),
                Sql.utc(r.createdAt()),
                Sql.utc(r.updatedAt()),
                Sql.utc(r.completedAt()));
    }

    RunDetail toDetail(RunRecord r, List<SourceCheckRecord> checks) {
        return new RunDetail(
                r.id(),
                RunStatus.fromValue(r.status()),
                new SubjectDetail(SubjectType.fromValue(r.subjectType()), r.subjectDoc(), r.subjectName()),
                checks.stream().map(c -> new SourceCheck(
                                c.source(),
                                c.required(),
                                SourceStatus.fromValue(c.status()),
                                c.attempts(),
                                c.latencyMs(),
                                c.cost(),
                                Sql.utc(c.startedAt()),
                                Sql.utc(c.completedAt()),
                                c.error(),
                                raw(c.raw())))
                        .toList());
    }

    SourceSummary toSummary(SourceCheckRecord c) {
        return new SourceSummary(c.source(), c.required(), SourceStatus.fromValue(c.status()),
                c.outcome() == null ? null : SourceSummaryOutcome.fromValue(c.outcome()));
    }

    static Decision decision(String value) {
        return Decision.fromValue(value);
    }

    static Completeness completeness(String value) {
        return Completeness.fromValue(value);
    }

    List<Reason> reasons(String stored) {
        try {
            return json.readValue(stored, Argument.listOf(Reason.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> readMap(String stored) {
        return raw(stored);
    }

    private Map<String, Object> raw(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> List<T> readList(String stored, Class<T> type) {
        try {
            return json.readValue(stored, Argument.listOf(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
