package br.com.kycert.runs;

import br.com.kycert.shared.Environment;
import br.com.kycert.shared.TenantScope;
import br.com.kycert.shared.jdbc.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs and their source checks. Every read takes the caller's {@link TenantScope}. */
@Singleton
class RunRepository {

    /** Filters of {@code listRuns}; null means "any". */
    record ListFilter(String status, String decision, String externalId, UUID templateId, String subjectType,
                      Instant createdAfter, Instant createdBefore) {}

    /** Keyset position: the last run of the previous page. */
    record Position(Instant createdAt, UUID id) {}

    private final Sql sql;

    RunRepository(Sql sql) {
        this.sql = sql;
    }

    void insert(RunRecord run, List<SourceCheckRecord> checks) {
        sql.update("insert into runs (id, tenant_id, environment, template_id, template_version, subject_type,"
                        + " subject_doc, subject_name, external_id, status, compliance_alert, reasons, credits_charged,"
                        + " would_charge, created_by_key, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, run.id());
                    s.setObject(2, run.tenantId());
                    s.setString(3, run.environment().value());
                    s.setObject(4, run.templateId());
                    s.setInt(5, run.templateVersion());
                    s.setString(6, run.subjectType());
                    s.setString(7, run.subjectDoc());
                    s.setString(8, run.subjectName());
                    s.setString(9, run.externalId());
                    s.setString(10, run.status());
                    s.setBoolean(11, run.complianceAlert());
                    s.setString(12, run.reasons());
                    s.setLong(13, run.creditsCharged());
                    s.setLong(14, run.wouldCharge());
                    s.setObject(15, run.createdByKey());
                    s.setTimestamp(16, Sql.timestamp(run.createdAt()));
                    s.setTimestamp(17, Sql.timestamp(run.updatedAt()));
                });
        int position = 0;
        for (SourceCheckRecord check : checks) {
            int p = position++;
            sql.update("insert into run_sources (run_id, source, position, required, timeout_ms, status, cost)"
                            + " values (?, ?, ?, ?, ?, ?, ?)",
                    s -> {
                        s.setObject(1, run.id());
                        s.setString(2, check.source());
                        s.setInt(3, p);
                        s.setBoolean(4, check.required());
                        s.setInt(5, check.timeoutMs());
                        s.setString(6, check.status());
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

    /** The rule outcomes of the template version the run was created with. */
    void setRuleOutcomes(UUID runId, String outcomes) {
        sql.update("update runs set rule_outcomes = ?::jsonb where id = ?", s -> {
            s.setString(1, outcomes);
            s.setObject(2, runId);
        });
    }

    String ruleOutcomes(UUID runId) {
        return sql.queryOne("select rule_outcomes::text from runs where id = ?", s -> s.setObject(1, runId),
                row -> row.getString(1)).orElse("{}");
    }

    long reserved(UUID runId) {
        return sql.queryOne("select credits_reserved from runs where id = ?", s -> s.setObject(1, runId),
                row -> row.getLong(1)).orElse(0L);
    }

    Optional<RunRecord> find(TenantScope scope, UUID id) {
        return sql.queryOne("select * from runs where tenant_id = ? and environment = ? and id = ?", s -> {
            s.setObject(1, scope.tenantId());
            s.setString(2, scope.environment().value());
            s.setObject(3, id);
        }, RunRepository::mapRun);
    }

    /** Newest first, strictly after {@code after}; fetches {@code limit} rows. */
    List<RunRecord> page(TenantScope scope, ListFilter filter, Position after, int limit) {
        StringBuilder where = new StringBuilder("tenant_id = ? and environment = ?");
        List<Object> args = new ArrayList<>();
        args.add(scope.tenantId());
        args.add(scope.environment().value());
        if (filter.status() != null) {
            where.append(" and status = ?");
            args.add(filter.status());
        }
        if (filter.decision() != null) {
            where.append(" and decision = ?");
            args.add(filter.decision());
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
            args.add(filter.subjectType());
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
        return sql.query(text, s -> {
            for (int i = 0; i < args.size(); i++) {
                Object arg = args.get(i);
                if (arg instanceof UUID) {
                    s.setObject(i + 1, arg, Types.OTHER);
                } else {
                    s.setObject(i + 1, arg);
                }
            }
        }, RunRepository::mapRun);
    }

    /**
     * Claims the oldest claimable run of the given environments: queued, or running with an expired
     * lease (its worker died). SKIP LOCKED lets any number of workers on any number of nodes claim
     * concurrently without ever claiming the same run.
     */
    record Claimed(RunRecord run, int attempts) {}

    Optional<Claimed> claim(List<String> environments, String owner, long leaseMillis) {
        return sql.queryOne("with next as (select id from runs"
                        + " where environment = any(?) and (status = 'queued' or (status = 'running' and lease_expires_at < now()))"
                        + " order by created_at limit 1 for update skip locked)"
                        + " update runs r set status = 'running', lease_owner = ?,"
                        + " lease_expires_at = now() + (? * interval '1 millisecond'), attempts = r.attempts + 1,"
                        + " started_at = coalesce(r.started_at, now()), updated_at = now()"
                        + " from next where r.id = next.id returning r.*",
                s -> {
                    s.setArray(1, s.getConnection().createArrayOf("text", environments.toArray()));
                    s.setString(2, owner);
                    s.setLong(3, leaseMillis);
                }, row -> new Claimed(mapRun(row), row.getInt("attempts")));
    }

    /** The outcome of a finished run, written in one transaction with its source checks. */
    record Completion(String status, String decision, String completeness, boolean complianceAlert, String reasons,
                      String ruleResults, long wouldCharge, long charged, Instant at, List<SourceCheckRecord> checks) {}

    /**
     * Writes the result if this worker still holds the run's lease. False means the lease was lost
     * (another worker took the run over): nothing is written, so a run is never completed twice.
     */
    boolean complete(UUID runId, String owner, Completion c) {
        int updated = sql.update("update runs set status = ?, decision = ?, completeness = ?, compliance_alert = ?,"
                        + " reasons = ?::jsonb, rule_results = ?::jsonb, would_charge = ?, credits_charged = ?, updated_at = ?,"
                        + " completed_at = ?,"
                        + " lease_owner = null, lease_expires_at = null"
                        + " where id = ? and lease_owner = ? and status = 'running'",
                s -> {
                    s.setString(1, c.status());
                    s.setString(2, c.decision());
                    s.setString(3, c.completeness());
                    s.setBoolean(4, c.complianceAlert());
                    s.setString(5, c.reasons());
                    s.setString(6, c.ruleResults());
                    s.setLong(7, c.wouldCharge());
                    s.setLong(8, c.charged());
                    s.setTimestamp(9, Sql.timestamp(c.at()));
                    s.setTimestamp(10, Sql.timestamp(c.at()));
                    s.setObject(11, runId);
                    s.setString(12, owner);
                });
        if (updated == 0) {
            return false;
        }
        for (SourceCheckRecord check : c.checks()) {
            sql.update("update run_sources set status = ?, outcome = ?, attempts = attempts + ?, latency_ms = ?,"
                            + " started_at = ?, completed_at = ?, error = ?, raw = ?::jsonb where run_id = ? and source = ?",
                    s -> {
                        s.setString(1, check.status());
                        s.setString(2, check.outcome());
                        s.setInt(3, check.attempts());
                        s.setObject(4, check.latencyMs());
                        s.setTimestamp(5, Sql.timestamp(check.startedAt()));
                        s.setTimestamp(6, Sql.timestamp(check.completedAt()));
                        s.setString(7, check.error());
                        s.setString(8, check.raw());
                        s.setObject(9, runId);
                        s.setString(10, check.source());
                    });
        }
        return true;
    }

    List<SourceCheckRecord> checks(UUID runId) {
        return sql.query("select * from run_sources where run_id = ? order by position", s -> s.setObject(1, runId),
                row -> new SourceCheckRecord(
                        row.getString("source"),
                        row.getBoolean("required"),
                        row.getInt("timeout_ms"),
                        row.getString("status"),
                        row.getString("outcome"),
                        row.getInt("attempts"),
                        (Long) row.getObject("latency_ms"),
                        row.getLong("cost"),
                        Sql.instant(row, "started_at"),
                        Sql.instant(row, "completed_at"),
                        row.getString("error"),
                        row.getString("raw")));
    }

    private static RunRecord mapRun(ResultSet row) throws SQLException {
        return new RunRecord(
                Sql.uuid(row, "id"),
                Sql.uuid(row, "tenant_id"),
                Environment.of(row.getString("environment")),
                Sql.uuid(row, "template_id"),
                row.getInt("template_version"),
                row.getString("subject_type"),
                row.getString("subject_doc"),
                row.getString("subject_name"),
                row.getString("external_id"),
                row.getString("status"),
                row.getString("decision"),
                row.getString("completeness"),
                row.getBoolean("compliance_alert"),
                row.getString("reasons"),
                row.getString("rule_results"),
                row.getLong("credits_charged"),
                row.getLong("would_charge"),
                Sql.uuid(row, "created_by_key"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"),
                Sql.instant(row, "completed_at"));
    }
}
