package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V35 moves the plan of the runs in flight from their pending run_sources rows into their own row, and leaves
 * finished runs' checks where they are: a node upgraded with runs queued or running processes them as planned.
 */
class PlannedChecksMigrationIT {

    static TestDatabase db;

    static final UUID TENANT = UUID.randomUUID();
    static final UUID KEY = UUID.randomUUID();
    static final UUID TEMPLATE = UUID.randomUUID();
    static final UUID QUEUED = UUID.randomUUID();
    static final UUID RUNNING = UUID.randomUUID();
    static final UUID COMPLETED = UUID.randomUUID();

    @BeforeAll
    static void migrateWithRunsInFlight() {
        db = TestDatabase.create();
        flyway("34").migrate();
        db.update("insert into tenants (id, name, created_at) values (?, 'Migração', now())", TENANT);
        db.update(
                "insert into api_keys (id, tenant_id, name, environment, scopes, digest, last4, created_by, created_at)"
                        + " values (?, ?, 'k', 'sandbox', '{runs:write}', '\\x00'::bytea, 'abcd', 'test', now())",
                KEY,
                TENANT);
        db.update(
                "insert into templates (id, tenant_id, name, subject_type, sources, rules, created_at, updated_at)"
                        + " values (?, ?, 't', 'pf', '[]'::jsonb, '[]'::jsonb, now(), now())",
                TEMPLATE,
                TENANT);
        run(QUEUED, "queued");
        run(RUNNING, "running");
        run(COMPLETED, "completed");
        // Inserted out of position order: the plan follows position, not insertion.
        check(QUEUED, "pep", 1, false, 1500, 2, "pending");
        check(QUEUED, "receita_cpf", 0, true, 2000, 3, "pending");
        check(RUNNING, "sanctions", 0, true, 3000, 4, "pending");
        check(COMPLETED, "receita_cpf", 0, true, 2000, 3, "succeeded");
        flyway(null).migrate();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void runsInFlightKeepTheirPlanInTheirOwnRow() throws SQLException {
        assertThat(strings("select planned_checks::text from runs where id = ?", QUEUED))
                .containsExactly(
                        "[{\"cost\": 3, \"source\": \"receita_cpf\", \"required\": true, \"timeout_ms\": 2000},"
                                + " {\"cost\": 2, \"source\": \"pep\", \"required\": false, \"timeout_ms\": 1500}]");
        assertThat(strings("select planned_checks::text from runs where id = ?", RUNNING))
                .containsExactly(
                        "[{\"cost\": 4, \"source\": \"sanctions\", \"required\": true, \"timeout_ms\": 3000}]");
        assertThat(strings("select source from run_sources where run_id = ?", QUEUED))
                .isEmpty();
        assertThat(strings("select source from run_sources where run_id = ?", RUNNING))
                .isEmpty();
    }

    @Test
    void finishedRunsKeepTheirAnsweredChecks() throws SQLException {
        assertThat(strings("select coalesce(planned_checks::text, 'none') from runs where id = ?", COMPLETED))
                .containsExactly("none");
        assertThat(strings("select source || ' ' || status from run_sources where run_id = ?", COMPLETED))
                .containsExactly("receita_cpf succeeded");
    }

    private static Flyway flyway(String target) {
        var config = Flyway.configure()
                .dataSource(db.url(), TestDatabase.USER, TestDatabase.PASSWORD)
                .locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static void run(UUID id, String status) {
        db.update(
                "insert into runs (id, tenant_id, environment, template_id, template_version, subject_type,"
                        + " subject_doc, subject_name, status, created_by_key, created_at, updated_at)"
                        + " values (?, ?, 'sandbox', ?, 1, 'pf', '90000000175', 'Fulano', ?, ?, now(), now())",
                id,
                TENANT,
                TEMPLATE,
                status,
                KEY);
    }

    private static void check(
            UUID run, String source, int position, boolean required, int timeoutMs, long cost, String status) {
        db.update(
                "insert into run_sources (run_id, source, position, required, timeout_ms, cost, status)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                run,
                source,
                position,
                required,
                timeoutMs,
                cost,
                status);
    }

    private static List<String> strings(String sql, UUID arg) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
