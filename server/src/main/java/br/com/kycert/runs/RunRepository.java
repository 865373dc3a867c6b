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
import io.micronaut.serde.annotation.Serdeable;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

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
     * A row of a page: its position, and the run, or null for a finished run {@link #page} was not given and did not
     * read ({@link #find(TenantScope, Collection)} reads those).
     */
    record Listed(Position position, RunEntity run) {}

    /**
     * A run a worker holds under its lease; {@code attempts} counts the claims, this one included.
     * It comes with what processing needs: its planned checks, the grades of its template version
     * and the credits reserved for it (a live run's).
     */
    record Claimed(
            RunEntity run, int attempts, List<SourceCheckEntity> checks, Map<String, Grade> grades, long reserved) {}

    /** A finished run with its answered checks, ready to be written. */
    record Finished(RunEntity run, List<SourceCheckEntity> checks) {}

    /** A check of a settled run, at its place in the run's plan. */
    private record Answered(UUID runId, int position, SourceCheckEntity check) {}

    /** What {@link #mapRun} reads: a run's own columns, not its lease, attempts or the grades its worker needs. */
    private static final String RUN_COLUMNS = "id, tenant_id, environment, template_id, template_version, subject_type,"
            + " subject_doc, subject_name, external_id, status, decision, completeness, compliance_alert, reasons,"
            + " rule_results, credits_charged, would_charge, created_by_key, created_at, updated_at, completed_at";

    /**
     * What a page reads of an unfinished run: {@link #RUN_COLUMNS} but the reasons and rule results, which a queued
     * or running run has not yet.
     */
    private static final String PAGE_COLUMNS = "id, tenant_id, environment, template_id, template_version,"
            + " subject_type, subject_doc, subject_name, external_id, status, decision, completeness, compliance_alert,"
            + " credits_charged, would_charge, created_by_key, created_at, updated_at, completed_at";

    private final Sql sql;
    private final ObjectMapper json;

    RunRepository(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /**
     * A planned check as a run's row keeps it until the run is settled: the attributes the plan gives it. It is
     * pending; what an answer adds is written to run_sources at settlement.
     */
    @Serdeable
    record Planned(String source, boolean required, int timeout_ms, long cost) {

        static Planned of(SourceCheckEntity check) {
            if (check.status() != SourceCheckStatus.PENDING) {
                throw new IllegalArgumentException("a planned check is pending; " + check.source() + " is "
                        + check.status().value());
            }
            return new Planned(check.source(), check.required(), check.timeoutMs(), check.cost());
        }

        SourceCheckEntity check() {
            return SourceCheckEntity.pending(source, required, timeout_ms, cost);
        }
    }

    /**
     * Inserts a queued run with its planned source checks (kept in its own row until it is settled), the grades of
     * its template version (the run keeps them) and the credits reserved for it, in one statement of one row, if its
     * template is still at the version the run was planned from; false, and nothing written, when the template
     * changed since.
     */
    boolean insert(RunEntity run, List<SourceCheckEntity> checks, Map<String, Grade> grades, long reserved) {
        RunEntity.Request request = run.request();
        Map<String, String> stored = new TreeMap<>();
        grades.forEach((rule, grade) -> stored.put(rule, grade.value()));
        List<Planned> planned = checks.stream().map(Planned::of).toList();
        return sql.update(
                        "insert into runs (id, tenant_id, environment, template_id, template_version,"
                                + " subject_type, subject_doc, subject_name, external_id, status, compliance_alert,"
                                + " reasons, credits_charged, would_charge, created_by_key, created_at, updated_at,"
                                + " rule_outcomes, credits_reserved, planned_checks)"
                                + " select ?, ?, ?, t.id, t.version, ?, ?, ?, ?, ?, false, '[]'::jsonb, ?, ?, ?, ?, ?,"
                                + " ?::jsonb, ?, ?::jsonb"
                                + " from templates t where t.id = ? and t.tenant_id = ? and t.version = ?",
                        s -> {
                            s.setObject(1, run.id());
                            s.setObject(2, run.scope().tenantId());
                            s.setString(3, run.scope().environment().value());
                            s.setString(4, request.subject().type().value());
                            s.setString(5, request.subject().doc());
                            s.setString(6, request.subject().name());
                            s.setString(7, request.externalId());
                            s.setString(8, run.status().value());
                            s.setLong(9, run.credits().charged());
                            s.setLong(10, run.credits().wouldCharge());
                            s.setObject(11, request.createdByKey());
                            s.setTimestamp(12, Sql.timestamp(run.times().createdAt()));
                            s.setTimestamp(13, Sql.timestamp(run.times().updatedAt()));
                            s.setString(14, write(stored));
                            s.setLong(15, reserved);
                            s.setString(16, write(planned));
                            s.setObject(17, request.templateId());
                            s.setObject(18, run.scope().tenantId());
                            s.setInt(19, request.templateVersion());
                        })
                == 1;
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

    /** The runs of this scope with these ids, by id; an id of another scope, or of no run, is absent. */
    Map<UUID, RunEntity> find(TenantScope scope, Collection<UUID> ids) {
        Map<UUID, RunEntity> found = new LinkedHashMap<>();
        sql.query(
                        "select " + RUN_COLUMNS + " from runs where tenant_id = ? and environment = ? and id = any(?)",
                        s -> {
                            s.setObject(1, scope.tenantId());
                            s.setString(2, scope.environment().value());
                            Sql.bindColumn(s, 3, "uuid", List.copyOf(ids), id -> id);
                        },
                        this::mapRun)
                .forEach(run -> found.put(run.id(), run));
        return found;
    }

    /**
     * Newest first, strictly after {@code after}; fetches {@code limit} rows. A finished run is taken from
     * {@code known} when it has it (a finished run never changes), or left for {@link #find(TenantScope, Collection)}
     * to read: of a finished run the page reads only what the covering page index holds.
     */
    List<Listed> page(
            TenantScope scope,
            ListFilter filter,
            Position after,
            int limit,
            Function<UUID, Optional<RunEntity>> known) {
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
        // The page itself from the covering runs_page_idx; the columns of an unfinished run by id, in the same
        // statement; a finished run's from `known` (or, when it has not it, read later by find). The limit is written
        // out (an int): as a parameter, PostgreSQL's generic plan could not count on it, would sort the tenant's runs,
        // and every execution was planned anew instead.
        String text = "select page.page_id, page.page_created_at, page.page_status, r.* from"
                + " (select id as page_id, created_at as page_created_at, status as page_status from runs where "
                + where + " order by created_at desc, id desc limit " + limit + ") page"
                + " left join lateral (select " + PAGE_COLUMNS + " from runs where id = page.page_id"
                // offset 0 keeps the status test a one-time filter of the lookup: no lookup for a finished run.
                + " and page.page_status not in ('completed', 'failed') offset 0) r on true"
                + " order by page.page_created_at desc, page.page_id desc";
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
                row -> {
                    Position position = new Position(Sql.instant(row, "page_created_at"), Sql.uuid(row, "page_id"));
                    if (!RunEntity.Status.of(row.getString("page_status")).finished()) {
                        return new Listed(position, mapRun(row, List.of(), List.of()));
                    }
                    return new Listed(position, known.apply(position.id()).orElse(null));
                });
    }

    /**
     * Claims up to {@code limit} of the oldest claimable runs of the given environments: queued, or
     * running with an expired lease (their worker died), in one statement. SKIP LOCKED lets any
     * number of workers on any number of nodes claim concurrently without ever claiming the same
     * run. Each claimed run comes with its planned checks, its grades and its reservation, all read
     * from its own row, oldest first.
     */
    List<Claimed> claim(Collection<Environment> environments, String owner, Duration lease, int limit) {
        List<Claimed> claimed = sql.query(
                // The claimable rows are picked once, in a materialized CTE. As `where id in (select … limit ? for
                // update skip locked)`, a plan that rescans the subquery (a nested-loop semi join) claimed every
                // queued run, not `limit` of them: 5,000 for a limit of 64, reproduced in psql.
                "with claimable as materialized (select id from runs"
                        + " where environment = any(?) and (status = 'queued' or (status = 'running' and lease_expires_at < now()))"
                        + " order by created_at limit ? for update skip locked)"
                        + " update runs r set status = 'running', lease_owner = ?,"
                        + " lease_expires_at = now() + (? * interval '1 millisecond'), attempts = r.attempts + 1,"
                        + " started_at = coalesce(r.started_at, now()), updated_at = now()"
                        + " from claimable c where r.id = c.id"
                        + " returning r.*",
                s -> {
                    Sql.bindColumn(s, 1, "text", List.copyOf(environments), Environment::value);
                    s.setInt(2, limit);
                    s.setString(3, owner);
                    s.setLong(4, lease.toMillis());
                },
                row -> new Claimed(
                        mapRun(row),
                        row.getInt("attempts"),
                        planned(row.getString("planned_checks")),
                        readGrades(row.getString("rule_outcomes")),
                        row.getLong("credits_reserved")));
        return claimed.stream()
                .sorted(Comparator.comparing((Claimed c) -> c.run().times().createdAt())
                        .thenComparing(c -> c.run().id()))
                .toList();
    }

    /**
     * Writes finished runs and their source checks where this worker still holds the run's lease,
     * and returns those it wrote. A run missing from the answer had its lease lost (another worker
     * took it over): nothing of it is written, so a run is never completed twice. The runs are
     * updated in id order, so concurrent settlements do not wait on each other in a cycle; their
     * checks are inserted (a planned check has no row until now), which locks no existing row.
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
        // One statement for all the runs and one for all their checks: one execution each in PostgreSQL, not one
        // per row. The arrays are in id order.
        Set<UUID> updated = new HashSet<>(sql.query(
                "update runs r set status = c.status, decision = c.decision, completeness = c.completeness,"
                        + " compliance_alert = c.alert, reasons = c.reasons::jsonb, rule_results = c.rule_results::jsonb,"
                        + " would_charge = c.would_charge, credits_charged = c.charged, updated_at = c.updated_at,"
                        + " completed_at = c.completed_at, lease_owner = null, lease_expires_at = null,"
                        + " planned_checks = null"
                        + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[],"
                        + " ?::bigint[], ?::bigint[], ?::timestamptz[], ?::timestamptz[])"
                        + " as c(id, status, decision, completeness, alert, reasons, rule_results, would_charge, charged,"
                        + " updated_at, completed_at)"
                        + " where r.id = c.id and r.lease_owner = ? and r.status = 'running'"
                        + " returning r.id",
                s -> {
                    List<RunEntity> runs = ordered.stream().map(Finished::run).toList();
                    Sql.bindColumn(s, 1, "uuid", runs, RunEntity::id);
                    Sql.bindColumn(s, 2, "text", runs, r -> r.status().value());
                    Sql.bindColumn(
                            s,
                            3,
                            "text",
                            runs,
                            r -> r.result().decision() == null
                                    ? null
                                    : r.result().decision().value());
                    Sql.bindColumn(
                            s, 4, "text", runs, r -> r.result().completeness().value());
                    Sql.bindColumn(s, 5, "bool", runs, r -> r.result().complianceAlert());
                    Sql.bindColumn(
                            s,
                            6,
                            "text",
                            runs,
                            r -> write(r.result().reasons().stream()
                                    .map(RunRepository::reasonRow)
                                    .toList()));
                    Sql.bindColumn(
                            s,
                            7,
                            "text",
                            runs,
                            r -> write(r.result().ruleResults().stream()
                                    .map(RunRepository::ruleRow)
                                    .toList()));
                    Sql.bindColumn(s, 8, "int8", runs, r -> r.credits().wouldCharge());
                    Sql.bindColumn(s, 9, "int8", runs, r -> r.credits().charged());
                    Sql.bindColumn(s, 10, "timestamptz", runs, r -> r.times().updatedAt());
                    Sql.bindColumn(s, 11, "timestamptz", runs, r -> r.times().completedAt());
                    s.setString(12, owner);
                },
                row -> Sql.uuid(row, "id")));
        List<Finished> written = new ArrayList<>();
        List<Answered> checks = new ArrayList<>();
        for (Finished f : ordered) {
            if (updated.contains(f.run().id())) {
                written.add(f);
                for (int position = 0; position < f.checks().size(); position++) {
                    checks.add(new Answered(f.run().id(), position, f.checks().get(position)));
                }
            }
        }
        if (checks.isEmpty()) {
            return written;
        }
        // The checks' only write: a planned check lives in its run's row until now.
        sql.update(
                "insert into run_sources (run_id, source, position, required, timeout_ms, cost, status, outcome,"
                        + " attempts, latency_ms, started_at, completed_at, error, raw)"
                        + " select c.run_id, c.source, c.position, c.required, c.timeout_ms, c.cost, c.status,"
                        + " c.outcome, c.attempts, c.latency_ms, c.started_at, c.completed_at, c.error, c.raw::jsonb"
                        + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[],"
                        + " ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::int[], ?::boolean[],"
                        + " ?::int[], ?::bigint[])"
                        + " as c(run_id, source, status, outcome, attempts, latency_ms, started_at, completed_at, error,"
                        + " raw, position, required, timeout_ms, cost)",
                s -> {
                    Sql.bindColumn(s, 1, "uuid", checks, Answered::runId);
                    Sql.bindColumn(s, 2, "text", checks, e -> e.check().source());
                    Sql.bindColumn(s, 3, "text", checks, e -> e.check().status().value());
                    Sql.bindColumn(
                            s,
                            4,
                            "text",
                            checks,
                            e -> e.check().outcome() == null
                                    ? null
                                    : e.check().outcome().value());
                    Sql.bindColumn(s, 5, "int4", checks, e -> e.check().answer().attempts());
                    Sql.bindColumn(s, 6, "int8", checks, e -> e.check().answer().latencyMs());
                    Sql.bindColumn(
                            s, 7, "timestamptz", checks, e -> e.check().answer().startedAt());
                    Sql.bindColumn(
                            s, 8, "timestamptz", checks, e -> e.check().answer().completedAt());
                    Sql.bindColumn(s, 9, "text", checks, e -> e.check().answer().error());
                    Sql.bindColumn(
                            s,
                            10,
                            "text",
                            checks,
                            e -> e.check().answer().raw() == null
                                    ? null
                                    : write(e.check().answer().raw()));
                    Sql.bindColumn(s, 11, "int4", checks, Answered::position);
                    Sql.bindColumn(s, 12, "bool", checks, e -> e.check().required());
                    Sql.bindColumn(s, 13, "int4", checks, e -> e.check().timeoutMs());
                    Sql.bindColumn(s, 14, "int8", checks, e -> e.check().cost());
                });
        return written;
    }

    /**
     * The checks of a run of this scope, in their planned order: as answered once it is finished, as planned (pending)
     * before. A run read unfinished may have been settled since: its checks are then read as answered.
     */
    List<SourceCheckEntity> checks(RunEntity run) {
        if (!run.status().finished()) {
            Optional<List<SourceCheckEntity>> planned = sql.queryOne(
                    "select planned_checks from runs where id = ? and planned_checks is not null",
                    s -> s.setObject(1, run.id()),
                    row -> planned(row.getString("planned_checks")));
            if (planned.isPresent()) {
                return planned.get();
            }
        }
        return sql.query(
                "select * from run_sources where run_id = ? order by position",
                s -> s.setObject(1, run.id()),
                this::mapCheck);
    }

    private List<SourceCheckEntity> planned(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            return json.readValue(stored, Argument.listOf(Planned.class)).stream()
                    .map(Planned::check)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        if (!RunEntity.Status.of(row.getString("status")).finished()) {
            return mapRun(row, List.of(), List.of());
        }
        return mapRun(
                row,
                readRows(row.getString("reasons")).stream()
                        .map(RunRepository::reason)
                        .toList(),
                readRows(row.getString("rule_results")).stream()
                        .map(RunRepository::ruleResult)
                        .toList());
    }

    /** A run of {@link #PAGE_COLUMNS} and its reasons and rule results, read already (a finished run's, if it is). */
    private RunEntity mapRun(ResultSet row, List<DecisionRules.Reason> reasons, List<DecisionRules.RuleResult> rules)
            throws SQLException {
        RunEntity.Status status = RunEntity.Status.of(row.getString("status"));
        RunEntity.Result result = !status.finished()
                ? null
                : new RunEntity.Result(
                        row.getString("decision") == null ? null : Outcome.of(row.getString("decision")),
                        RunEntity.Completeness.of(row.getString("completeness")),
                        row.getBoolean("compliance_alert"),
                        reasons,
                        rules);
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
