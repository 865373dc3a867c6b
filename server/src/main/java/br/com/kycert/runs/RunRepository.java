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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * A run a worker holds under its lease; {@code attempts} counts the claims, this one included.
     * It comes with what processing needs: its planned checks, the grades of its template version
     * and the credits reserved for it (a live run's).
     */
    record Claimed(
            RunEntity run, int attempts, List<SourceCheckEntity> checks, Map<String, Grade> grades, long reserved) {

        Claimed withChecks(List<SourceCheckEntity> planned) {
            return new Claimed(run, attempts, List.copyOf(planned), grades, reserved);
        }
    }

    /** A finished run with its answered checks, ready to be written. */
    record Finished(RunEntity run, List<SourceCheckEntity> checks) {}

    /** What {@link #mapRun} reads: a run's own columns, not its lease, attempts or the grades its worker needs. */
    private static final String RUN_COLUMNS = "id, tenant_id, environment, template_id, template_version, subject_type,"
            + " subject_doc, subject_name, external_id, status, decision, completeness, compliance_alert, reasons,"
            + " rule_results, credits_charged, would_charge, created_by_key, created_at, updated_at, completed_at";

    private final Sql sql;
    private final ObjectMapper json;

    RunRepository(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /**
     * Inserts a queued run with its planned source checks, the grades of its template version (the
     * run keeps them) and the credits reserved for it, in one statement.
     */
    void insert(RunEntity run, List<SourceCheckEntity> checks, Map<String, Grade> grades, long reserved) {
        RunEntity.Request request = run.request();
        Map<String, String> stored = new TreeMap<>();
        grades.forEach((rule, grade) -> stored.put(rule, grade.value()));
        int n = checks.size();
        String[] sources = new String[n];
        Integer[] positions = new Integer[n];
        Boolean[] required = new Boolean[n];
        Integer[] timeouts = new Integer[n];
        String[] statuses = new String[n];
        Long[] costs = new Long[n];
        for (int i = 0; i < n; i++) {
            SourceCheckEntity check = checks.get(i);
            sources[i] = check.source();
            positions[i] = i;
            required[i] = check.required();
            timeouts[i] = check.timeoutMs();
            statuses[i] = check.status().value();
            costs[i] = check.cost();
        }
        // One statement for the run and its planned checks: atomic on its own, one round trip.
        sql.update(
                "with run as (insert into runs (id, tenant_id, environment, template_id, template_version, subject_type,"
                        + " subject_doc, subject_name, external_id, status, compliance_alert, reasons, credits_charged,"
                        + " would_charge, created_by_key, created_at, updated_at, rule_outcomes, credits_reserved)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, '[]'::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?)"
                        + " returning id)"
                        + " insert into run_sources (run_id, source, position, required, timeout_ms, status, cost)"
                        + " select run.id, c.source, c.position, c.required, c.timeout_ms, c.status, c.cost"
                        + " from run, unnest(?::text[], ?::int[], ?::boolean[], ?::int[], ?::text[], ?::bigint[])"
                        + " as c(source, position, required, timeout_ms, status, cost)",
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
                    s.setString(16, write(stored));
                    s.setLong(17, reserved);
                    java.sql.Connection c = s.getConnection();
                    s.setArray(18, c.createArrayOf("text", sources));
                    s.setArray(19, c.createArrayOf("int4", positions));
                    s.setArray(20, c.createArrayOf("bool", required));
                    s.setArray(21, c.createArrayOf("int4", timeouts));
                    s.setArray(22, c.createArrayOf("text", statuses));
                    s.setArray(23, c.createArrayOf("int8", costs));
                });
    }

    private Map<String, Grade> readGrades(String stored) {
        Map<String, Grade> grades = new TreeMap<>();
        readMap(stored == null ? "{}" : stored)
                .forEach((rule, grade) -> grades.put(
                        rule,
                        Grade.find(String.valueOf(grade))
                                .orElseThrow(() -> new IllegalStateException("unknown grade in storage: " + grade))));
        return grades;
    }

    Optional<RunEntity> find(TenantScope scope, UUID id) {
        return sql.queryOne(
                "select " + RUN_COLUMNS + " from runs where tenant_id = ? and environment = ? and id = ?",
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
        String text =
                "select " + RUN_COLUMNS + " from runs where " + where + " order by created_at desc, id desc limit ?";
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
     * Claims up to {@code limit} of the oldest claimable runs of the given environments: queued, or
     * running with an expired lease (their worker died), in one statement. SKIP LOCKED lets any
     * number of workers on any number of nodes claim concurrently without ever claiming the same
     * run. Each claimed run comes with its planned checks, its grades and its reservation, read in
     * the same transaction, oldest first.
     */
    List<Claimed> claim(Collection<Environment> environments, String owner, Duration lease, int limit) {
        List<Claimed> claimed = sql.query(
                "update runs r set status = 'running', lease_owner = ?,"
                        + " lease_expires_at = now() + (? * interval '1 millisecond'), attempts = r.attempts + 1,"
                        + " started_at = coalesce(r.started_at, now()), updated_at = now()"
                        + " where r.id in (select id from runs"
                        + " where environment = any(?) and (status = 'queued' or (status = 'running' and lease_expires_at < now()))"
                        + " order by created_at limit ? for update skip locked)"
                        + " returning r.*",
                s -> {
                    s.setString(1, owner);
                    s.setLong(2, lease.toMillis());
                    s.setArray(
                            3,
                            s.getConnection()
                                    .createArrayOf(
                                            "text",
                                            environments.stream()
                                                    .map(Environment::value)
                                                    .toArray()));
                    s.setInt(4, limit);
                },
                row -> new Claimed(
                        mapRun(row),
                        row.getInt("attempts"),
                        List.of(),
                        readGrades(row.getString("rule_outcomes")),
                        row.getLong("credits_reserved")));
        if (claimed.isEmpty()) {
            return claimed;
        }
        Map<UUID, List<SourceCheckEntity>> checks =
                checks(claimed.stream().map(c -> c.run().id()).toList());
        return claimed.stream()
                .map(c -> c.withChecks(checks.getOrDefault(c.run().id(), List.of())))
                .sorted(Comparator.comparing((Claimed c) -> c.run().times().createdAt())
                        .thenComparing(c -> c.run().id()))
                .toList();
    }

    /**
     * Writes finished runs and their source checks where this worker still holds the run's lease,
     * and returns those it wrote. A run missing from the answer had its lease lost (another worker
     * took it over): nothing of it is written, so a run is never completed twice. Rows are written
     * in id order, so concurrent settlements never wait on each other in a cycle. Two statements whatever the batch
     * size (the runs, then their checks), each one execution in PostgreSQL.
     */
    List<Finished> complete(List<Finished> finished, String owner) {
        for (Finished f : finished) {
            if (f.run().result() == null) {
                throw new IllegalArgumentException(
                        "run " + f.run().id() + " is " + f.run().status().value() + ", not finished");
            }
        }
        List<Finished> ordered = finished.stream()
                .sorted(Comparator.comparing(f -> f.run().id()))
                .toList();
        int n = ordered.size();
        UUID[] ids = new UUID[n];
        String[] statuses = new String[n];
        String[] decisions = new String[n];
        String[] completeness = new String[n];
        Boolean[] alerts = new Boolean[n];
        String[] reasons = new String[n];
        String[] ruleResults = new String[n];
        Long[] wouldCharge = new Long[n];
        Long[] charged = new Long[n];
        Timestamp[] updatedAt = new Timestamp[n];
        Timestamp[] completedAt = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            RunEntity run = ordered.get(i).run();
            RunEntity.Result result = run.result();
            ids[i] = run.id();
            statuses[i] = run.status().value();
            decisions[i] = result.decision() == null ? null : result.decision().value();
            completeness[i] = result.completeness().value();
            alerts[i] = result.complianceAlert();
            reasons[i] = write(
                    result.reasons().stream().map(RunRepository::reasonRow).toList());
            ruleResults[i] = write(
                    result.ruleResults().stream().map(RunRepository::ruleRow).toList());
            wouldCharge[i] = run.credits().wouldCharge();
            charged[i] = run.credits().charged();
            updatedAt[i] = Sql.timestamp(run.times().updatedAt());
            completedAt[i] = Sql.timestamp(run.times().completedAt());
        }
        // One statement for all the runs (one execution in PostgreSQL, not one per run), in id order.
        Set<UUID> updated = new HashSet<>(sql.query(
                "update runs r set status = c.status, decision = c.decision, completeness = c.completeness,"
                        + " compliance_alert = c.alert, reasons = c.reasons::jsonb, rule_results = c.rule_results::jsonb,"
                        + " would_charge = c.would_charge, credits_charged = c.charged, updated_at = c.updated_at,"
                        + " completed_at = c.completed_at, lease_owner = null, lease_expires_at = null"
                        + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[],"
                        + " ?::bigint[], ?::bigint[], ?::timestamptz[], ?::timestamptz[])"
                        + " as c(id, status, decision, completeness, alert, reasons, rule_results, would_charge, charged,"
                        + " updated_at, completed_at)"
                        + " where r.id = c.id and r.lease_owner = ? and r.status = 'running'"
                        + " returning r.id",
                s -> {
                    Connection c = s.getConnection();
                    s.setArray(1, c.createArrayOf("uuid", ids));
                    s.setArray(2, c.createArrayOf("text", statuses));
                    s.setArray(3, c.createArrayOf("text", decisions));
                    s.setArray(4, c.createArrayOf("text", completeness));
                    s.setArray(5, c.createArrayOf("bool", alerts));
                    s.setArray(6, c.createArrayOf("text", reasons));
                    s.setArray(7, c.createArrayOf("text", ruleResults));
                    s.setArray(8, c.createArrayOf("int8", wouldCharge));
                    s.setArray(9, c.createArrayOf("int8", charged));
                    s.setArray(10, c.createArrayOf("timestamptz", updatedAt));
                    s.setArray(11, c.createArrayOf("timestamptz", completedAt));
                    s.setString(12, owner);
                },
                row -> Sql.uuid(row, "id")));
        List<Finished> written = new ArrayList<>();
        List<UUID> checkRuns = new ArrayList<>();
        List<SourceCheckEntity> checks = new ArrayList<>();
        for (Finished f : ordered) {
            if (!updated.contains(f.run().id())) {
                continue;
            }
            written.add(f);
            for (SourceCheckEntity check : f.checks()) {
                checkRuns.add(f.run().id());
                checks.add(check);
            }
        }
        if (checks.isEmpty()) {
            return written;
        }
        int m = checks.size();
        String[] sources = new String[m];
        String[] checkStatuses = new String[m];
        String[] outcomes = new String[m];
        Integer[] attempts = new Integer[m];
        Long[] latencies = new Long[m];
        Timestamp[] startedAt = new Timestamp[m];
        Timestamp[] checkCompletedAt = new Timestamp[m];
        String[] errors = new String[m];
        String[] raws = new String[m];
        for (int i = 0; i < m; i++) {
            SourceCheckEntity check = checks.get(i);
            SourceCheckEntity.Answer answer = check.answer();
            sources[i] = check.source();
            checkStatuses[i] = check.status().value();
            outcomes[i] = check.outcome() == null ? null : check.outcome().value();
            attempts[i] = answer.attempts();
            latencies[i] = answer.latencyMs();
            startedAt[i] = Sql.timestamp(answer.startedAt());
            checkCompletedAt[i] = Sql.timestamp(answer.completedAt());
            errors[i] = answer.error();
            raws[i] = answer.raw() == null ? null : write(answer.raw());
        }
        sql.update(
                "update run_sources s set status = c.status, outcome = c.outcome, attempts = s.attempts + c.attempts,"
                        + " latency_ms = c.latency_ms, started_at = c.started_at, completed_at = c.completed_at,"
                        + " error = c.error, raw = c.raw::jsonb"
                        + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[],"
                        + " ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[])"
                        + " as c(run_id, source, status, outcome, attempts, latency_ms, started_at, completed_at, error,"
                        + " raw)"
                        + " where s.run_id = c.run_id and s.source = c.source",
                s -> {
                    Connection c = s.getConnection();
                    s.setArray(1, c.createArrayOf("uuid", checkRuns.toArray(UUID[]::new)));
                    s.setArray(2, c.createArrayOf("text", sources));
                    s.setArray(3, c.createArrayOf("text", checkStatuses));
                    s.setArray(4, c.createArrayOf("text", outcomes));
                    s.setArray(5, c.createArrayOf("int4", attempts));
                    s.setArray(6, c.createArrayOf("int8", latencies));
                    s.setArray(7, c.createArrayOf("timestamptz", startedAt));
                    s.setArray(8, c.createArrayOf("timestamptz", checkCompletedAt));
                    s.setArray(9, c.createArrayOf("text", errors));
                    s.setArray(10, c.createArrayOf("text", raws));
                });
        return written;
    }

    List<SourceCheckEntity> checks(UUID runId) {
        return sql.query(
                "select * from run_sources where run_id = ? order by position",
                s -> s.setObject(1, runId),
                this::mapCheck);
    }

    /** The checks of several runs, each run's in their planned order. */
    private Map<UUID, List<SourceCheckEntity>> checks(List<UUID> runIds) {
        Map<UUID, List<SourceCheckEntity>> byRun = new LinkedHashMap<>();
        sql.query(
                "select * from run_sources where run_id = any(?) order by run_id, position",
                s -> s.setArray(1, s.getConnection().createArrayOf("uuid", runIds.toArray())),
                row -> byRun.computeIfAbsent(Sql.uuid(row, "run_id"), id -> new ArrayList<>())
                        .add(mapCheck(row)));
        return byRun;
    }

    private SourceCheckEntity mapCheck(ResultSet row) throws SQLException {
        return new SourceCheckEntity(
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
                        row.getString("raw") == null ? null : readMap(row.getString("raw"))));
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
