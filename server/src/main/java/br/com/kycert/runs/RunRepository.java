package br.com.kycert.runs;

import br.com.kycert.rules.DecisionRules;
import br.com.kycert.rules.Grade;
import br.com.kycert.rules.Outcome;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.TenantScope;
import br.com.kycert.shared.jdbc.Sql;
import br.com.kycert.sources.SourceCheckStatus;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Runs and their source checks. Every read takes the caller's {@link TenantScope}. The persistence
 * edge: statuses, outcomes and JSON columns become domain values here and nowhere else.
 */
@Singleton
class RunRepository {

    /** Filters of {@code listRuns}; null means "any". */
    record ListFilter(
            RunEntity.Status status,
            Outcome decision,
            String externalId,
            UUID templateId,
            SubjectType subjectType,
            Instant createdAfter,
            Instant createdBefore) {

        ListFilter onlyFor(SubjectType only) {
            return new ListFilter(status, decision, externalId, templateId, only, createdAfter, createdBefore);
        }
    }

    /** Keyset position: the last run of the previous page. */
    record Position(Instant createdAt, UUID id) {}

    /** A run a worker holds under its lease; {@code attempts} counts the claims, this one included. */
    record Claimed(RunEntity run, int attempts) {}

    private final Sql sql;
    private final ObjectMapper json;

    RunRepository(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    void insert(RunEntity run, List<SourceCheckEntity> checks) {
        RunEntity.Request request = run.request();
        sql.update(
                "insert into runs (id, tenant_id, environment, template_id, template_version, subject_type,"
                        + " subject_doc, subject_name, external_id, status, compliance_alert, reasons, credits_charged,"
                        + " would_charge, created_by_key, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, '[]'::jsonb, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, run.id());
                    s.setObject(2, run.scope().tenantId());
                    s.setString(3, run.scope().environment().value());
                    s.setObject(4, request.templateId());
                    s.setInt(5, request.templateVersion());
                    s.setString(6, request.subject().type().value());
                    s.setString(7, request.subject().doc());
                    s.setString(8, request.subject().name());
                    s.setString(9, request.externalId());
                    s.setString(10, run.status().value());
                    s.setLong(11, run.credits().charged());
                    s.setLong(12, run.credits().wouldCharge());
                    s.setObject(13, request.createdByKey());
                    s.setTimestamp(14, Sql.timestamp(run.times().createdAt()));
                    s.setTimestamp(15, Sql.timestamp(run.times().updatedAt()));
                });
        int position = 0;
        for (SourceCheckEntity check : checks) {
            int p = position++;
            sql.update(
                    "insert into run_sources (run_id, source, position, required, timeout_ms, status, cost)"
                            + " values (?, ?, ?, ?, ?, ?, ?)",
                    s -> {
                        s.setObject(1, run.id());
                        s.setString(2, check.source());
                        s.setInt(3, p);
                        s.setBoolean(4, check.required());
                        s.setInt(5, check.timeoutMs());
                        s.setString(6, check.status().value());
                        s.setLong(7, check.cost());
                    });
        }
    }

    void setReserved(UUID runId, long reserved) {
        sql.update("update runs set credits_reserved = ? where id = ?", s -> {
            s.setLong(1, reserved);
            s.setObject(2, runId);
        });
    }

    /** The grades of the template version the run was created with: the run keeps them. */
    void setGrades(UUID runId, Map<String, Grade> grades) {
        Map<String, String> stored = new TreeMap<>();
        grades.forEach((rule, grade) -> stored.put(rule, grade.value()));
        sql.update("update runs set rule_outcomes = ?::jsonb where id = ?", s -> {
            s.setString(1, write(stored));
            s.setObject(2, runId);
        });
    }

    Map<String, Grade> grades(UUID runId) {
        String stored = sql.queryOne(
                        "select rule_outcomes::text from runs where id = ?",
                        s -> s.setObject(1, runId),
                        row -> row.getString(1))
                .orElse("{}");
        Map<String, Grade> grades = new TreeMap<>();
        readMap(stored)
                .forEach((rule, grade) -> grades.put(
                        rule,
                        Grade.find(String.valueOf(grade))
                                .orElseThrow(() -> new IllegalStateException("unknown grade in storage: " + grade))));
        return grades;
    }

    long reserved(UUID runId) {
        return sql.queryOne(
                        "select credits_reserved from runs where id = ?",
                        s -> s.setObject(1, runId),
                        row -> row.getLong(1))
                .orElse(0L);
    }

    Optional<RunEntity> find(TenantScope scope, UUID id) {
        return sql.queryOne(
                "select * from runs where tenant_id = ? and environment = ? and id = ?",
                s -> {
                    s.setObject(1, scope.tenantId());
                    s.setString(2, scope.environment().value());
                    s.setObject(3, id);
                },
                this::mapRun);
    }

    /** Newest first, strictly after {@code after}; fetches {@code limit} rows. */
    List<RunEntity> page(TenantScope scope, ListFilter filter, Position after, int limit) {
        StringBuilder where = new StringBuilder("tenant_id = ? and environment = ?");
        List<Object> args = new ArrayList<>();
        args.add(scope.tenantId());
        args.add(scope.environment().value());
        if (filter.status() != null) {
            where.append(" and status = ?");
            args.add(filter.status().value());
        }
        if (filter.decision() != null) {
            where.append(" and decision = ?");
            args.add(filter.decision().value());
        }
        if (filter.externalId() != null) {
            where.append(" and external_id = ?");
            args.add(filter.externalId());
        }
        if (filter.templateId() != null) {
            where.append(" and template_id = ?");
            args.add(filter.templateId());
        }
        if (filter.subjectType() != null) {
            where.append(" and subject_type = ?");
            args.add(filter.subjectType().value());
        }
        if (filter.createdAfter() != null) {
            where.append(" and created_at >= ?");
            args.add(Sql.timestamp(filter.createdAfter()));
        }
        if (filter.createdBefore() != null) {
            where.append(" and created_at < ?");
            args.add(Sql.timestamp(filter.createdBefore()));
        }
        if (after != null) {
            where.append(" and (created_at, id) < (?, ?)");
            args.add(Sql.timestamp(after.createdAt()));
            args.add(after.id());
        }
        String text = "select * from runs where " + where + " order by created_at desc, id desc limit ?";
        args.add(limit);
        return sql.query(
                text,
                s -> {
                    for (int i = 0; i < args.size(); i++) {
                        Object arg = args.get(i);
                        if (arg instanceof UUID) {
                            s.setObject(i + 1, arg, Types.OTHER);
                        } else {
                            s.setObject(i + 1, arg);
                        }
                    }
                },
                this::mapRun);
    }

    /**
     * Claims the oldest claimable run of the given environments: queued, or running with an expired
     * lease (its worker died). SKIP LOCKED lets any number of workers on any number of nodes claim
     * concurrently without ever claiming the same run.
     */
    Optional<Claimed> claim(Collection<Environment> environments, String owner, Duration lease) {
        return sql.queryOne(
                "with next as (select id from runs"
                        + " where environment = any(?) and (status = 'queued' or (status = 'running' and lease_expires_at < now()))"
                        + " order by created_at limit 1 for update skip locked)"
                        + " update runs r set status = 'running', lease_owner = ?,"
                        + " lease_expires_at = now() + (? * interval '1 millisecond'), attempts = r.attempts + 1,"
                        + " started_at = coalesce(r.started_at, now()), updated_at = now()"
                        + " from next where r.id = next.id returning r.*",
                s -> {
                    s.setArray(
                            1,
                            s.getConnection()
                                    .createArrayOf(
                                            "text",
                                            environments.stream()
                                                    .map(Environment::value)
                                                    .toArray()));
                    s.setString(2, owner);
                    s.setLong(3, lease.toMillis());
                },
                row -> new Claimed(mapRun(row), row.getInt("attempts")));
    }

    /**
     * Writes a finished run and its source checks if this worker still holds the run's lease. False
     * means the lease was lost (another worker took the run over): nothing is written, so a run is
     * never completed twice.
     */
    boolean complete(RunEntity run, List<SourceCheckEntity> checks, String owner) {
        RunEntity.Result result = run.result();
        if (result == null) {
            throw new IllegalArgumentException(
                    "run " + run.id() + " is " + run.status().value() + ", not finished");
        }
        int updated = sql.update(
                "update runs set status = ?, decision = ?, completeness = ?, compliance_alert = ?,"
                        + " reasons = ?::jsonb, rule_results = ?::jsonb, would_charge = ?, credits_charged = ?, updated_at = ?,"
                        + " completed_at = ?,"
                        + " lease_owner = null, lease_expires_at = null"
                        + " where id = ? and lease_owner = ? and status = 'running'",
                s -> {
                    s.setString(1, run.status().value());
                    s.setString(
                            2,
                            result.decision() == null ? null : result.decision().value());
                    s.setString(3, result.completeness().value());
                    s.setBoolean(4, result.complianceAlert());
                    s.setString(
                            5,
                            write(result.reasons().stream()
                                    .map(RunRepository::reasonRow)
                                    .toList()));
                    s.setString(
                            6,
                            write(result.ruleResults().stream()
                                    .map(RunRepository::ruleRow)
                                    .toList()));
                    s.setLong(7, run.credits().wouldCharge());
                    s.setLong(8, run.credits().charged());
                    s.setTimestamp(9, Sql.timestamp(run.times().updatedAt()));
                    s.setTimestamp(10, Sql.timestamp(run.times().completedAt()));
                    s.setObject(11, run.id());
                    s.setString(12, owner);
                });
        if (updated == 0) {
            return false;
        }
        for (SourceCheckEntity check : checks) {
            SourceCheckEntity.Answer answer = check.answer();
            sql.update(
                    "update run_sources set status = ?, outcome = ?, attempts = attempts + ?, latency_ms = ?,"
                            + " started_at = ?, completed_at = ?, error = ?, raw = ?::jsonb where run_id = ? and source = ?",
                    s -> {
                        s.setString(1, check.status().value());
                        s.setString(
                                2,
                                check.outcome() == null ? null : check.outcome().value());
                        s.setInt(3, answer.attempts());
                        s.setObject(4, answer.latencyMs());
                        s.setTimestamp(5, Sql.timestamp(answer.startedAt()));
                        s.setTimestamp(6, Sql.timestamp(answer.completedAt()));
                        s.setString(7, answer.error());
                        s.setString(8, answer.raw() == null ? null : write(answer.raw()));
                        s.setObject(9, run.id());
                        s.setString(10, check.source());
                    });
        }
        return true;
    }

    List<SourceCheckEntity> checks(UUID runId) {
        return sql.query(
                "select * from run_sources where run_id = ? order by position",
                s -> s.setObject(1, runId),
                row -> new SourceCheckEntity(
                        row.getString("source"),
                        row.getBoolean("required"),
                        row.getInt("timeout_ms"),
                        row.getLong("cost"),
                        SourceCheckStatus.of(row.getString("status")),
                        row.getString("outcome") == null ? null : Outcome.of(row.getString("outcome")),
                        new SourceCheckEntity.Answer(
                                row.getInt("attempts"),
                                Sql.instant(row, "started_at"),
                                Sql.instant(row, "completed_at"),
                                row.getString("error"),
                                row.getString("raw") == null ? null : readMap(row.getString("raw")))));
    }

    private RunEntity mapRun(ResultSet row) throws SQLException {
        RunEntity.Status status = RunEntity.Status.of(row.getString("status"));
        RunEntity.Result result = !status.finished()
                ? null
                : new RunEntity.Result(
                        row.getString("decision") == null ? null : Outcome.of(row.getString("decision")),
                        RunEntity.Completeness.of(row.getString("completeness")),
                        row.getBoolean("compliance_alert"),
                        readRows(row.getString("reasons")).stream()
                                .map(RunRepository::reason)
                                .toList(),
                        readRows(row.getString("rule_results")).stream()
                                .map(RunRepository::ruleResult)
                                .toList());
        return new RunEntity(
                Sql.uuid(row, "id"),
                new TenantScope(Sql.uuid(row, "tenant_id"), Environment.of(row.getString("environment"))),
                new RunEntity.Request(
                        Sql.uuid(row, "template_id"),
                        row.getInt("template_version"),
                        new RunEntity.Subject(
                                SubjectType.of(row.getString("subject_type")),
                                row.getString("subject_doc"),
                                row.getString("subject_name")),
                        row.getString("external_id"),
                        Sql.uuid(row, "created_by_key")),
                status,
                result,
                new RunEntity.Credits(row.getLong("credits_charged"), row.getLong("would_charge")),
                new RunEntity.Times(
                        Sql.instant(row, "created_at"),
                        Sql.instant(row, "updated_at"),
                        Sql.instant(row, "completed_at")));
    }

    // The JSON columns keep the API's shapes of a reason and a rule result.

    private static Map<String, Object> reasonRow(DecisionRules.Reason r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", r.code());
        row.put("severity", r.outcome().severity());
        row.put("source", r.source());
        row.put("message", r.message());
        return row;
    }

    private static DecisionRules.Reason reason(Map<String, Object> row) {
        return new DecisionRules.Reason(
                (String) row.get("code"),
                Outcome.ofSeverity((String) row.get("severity")),
                (String) row.get("source"),
                (String) row.get("message"));
    }

    private static Map<String, Object> ruleRow(DecisionRules.RuleResult r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rule", r.rule());
        row.put("outcome", r.outcome().value());
        row.put("source", r.source());
        row.put("matched", r.matched());
        return row;
    }

    private static DecisionRules.RuleResult ruleResult(Map<String, Object> row) {
        return new DecisionRules.RuleResult(
                (String) row.get("rule"),
                Outcome.of((String) row.get("outcome")),
                (String) row.get("source"),
                Boolean.TRUE.equals(row.get("matched")));
    }

    private List<Map<String, Object>> readRows(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            return json.readValue(stored, Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> readMap(String stored) {
        try {
            return json.readValue(stored, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
