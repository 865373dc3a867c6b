package br.com.kycert.runs;

import br.com.kycert.keys.KeyEnvironment;
import br.com.kycert.shared.Sql;
import br.com.kycert.shared.TenantScope;
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
                KeyEnvironment.of(row.getString("environment")),
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
