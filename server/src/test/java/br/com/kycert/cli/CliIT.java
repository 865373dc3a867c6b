package br.com.kycert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.jdbc.SchemaHistory;
import br.com.kycert.support.TestDatabase;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator CLI of PRODUCT.md §7, run as the jar runs it, against a test database. */
class CliIT {

    static TestDatabase db;
    static final JsonMapper JSON = JsonMapper.createDefault();

    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readValue(out, JsonNode.class);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + " / " + err, e);
            }
        }
    }

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        System.setProperty("datasources.default.url", db.url());
        System.setProperty("datasources.default.username", TestDatabase.USER);
        System.setProperty("datasources.default.password", TestDatabase.PASSWORD);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("datasources.default.url");
        System.clearProperty("datasources.default.username");
        System.clearProperty("datasources.default.password");
        db.close();
    }

    static synchronized Result cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = Cli.run(args);
            return new Result(
                    exit, o.toString(StandardCharsets.UTF_8).strip(), cliLines(e.toString(StandardCharsets.UTF_8)));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void firstCommandMigratesAFreshDatabaseAndLaterOnesFindItCurrent() throws Exception {
        // This class's database is fresh: whichever command runs first must bring the schema up.
        assertThat(cli("tenants", "create", "--name", "Corretora Schema", "--json")
                        .exit())
                .isZero();
        assertThat(appliedVersions()).containsExactlyInAnyOrderElementsOf(SchemaHistory.onClasspath());
        assertThat(SchemaHistory.onClasspath()).contains("1", "5");

        // A current schema is left alone: no new history row, not even a validation entry.
        int rows = historyRows();
        assertThat(cli("tenants", "create", "--name", "Corretora Schema 2", "--json")
                        .exit())
                .isZero();
        assertThat(historyRows()).isEqualTo(rows);
    }

    private static List<String> appliedVersions() throws Exception {
        List<String> versions = new ArrayList<>();
        try (var c = db.connect();
                var s = c.createStatement();
                ResultSet rs = s.executeQuery("select version from flyway_schema_history where success")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static int historyRows() throws Exception {
        try (var c = db.connect();
                var s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from flyway_schema_history")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void operatorFlowFromTenantToRevokedKey() throws Exception {
        Result tenant = cli("tenants", "create", "--name", "Corretora Alfa", "--json");
        assertThat(tenant.exit()).as(tenant.err()).isZero();
        String tenantId = tenant.json().get("id").getStringValue();
        assertThat(tenant.json().get("detail_access").getBooleanValue()).isFalse();

        Result template = cli(
                "templates",
                "create",
                "--tenant",
                tenantId,
                "--name",
                "PF",
                "--subject-type",
                "pf",
                "--sources",
                "receita_cpf,pep",
                "--json");
        assertThat(template.exit()).as(template.err()).isZero();
        assertThat(template.json().get("version").getIntValue()).isEqualTo(1);
        String templateId = template.json().get("id").getStringValue();
        Result updated = cli(
                "templates",
                "update",
                templateId,
                "--optional",
                "sanctions",
                "--timeout-ms",
                "3000",
                "--rule",
                "pep_match=rejected",
                "--json");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.json().get("version").getIntValue()).isEqualTo(2);
        assertThat(updated.json().get("optional_sources").get(0).getStringValue())
                .isEqualTo("sanctions");
        assertThat(updated.json().get("timeout_ms").getIntValue()).isEqualTo(3000);
        assertThat(updated.json().get("rules").get("pep_match").getStringValue())
                .isEqualTo("rejected");
        Result badRule = cli("templates", "update", templateId, "--rule", "pep_match=maybe");
        assertThat(badRule.exit()).isNotZero();
        assertThat(badRule.err()).contains("approved, review, rejected or off");
        Result templates = cli("templates", "list", "--tenant", tenantId, "--json");
        assertThat(templates.json().size()).isEqualTo(1);
        Result badSource = cli(
                "templates",
                "create",
                "--tenant",
                tenantId,
                "--name",
                "PJ",
                "--subject-type",
                "pj",
                "--sources",
                "receita_cpf");
        assertThat(badSource.exit()).isNotZero();
        assertThat(badSource.err()).contains("does not serve pj");

        Result refused = cli(
                "keys",
                "create",
                "--tenant",
                tenantId,
                "--name",
                "Detail",
                "--env",
                "live",
                "--scopes",
                "detail:read",
                "--json");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("approve");
        assertThat(refused.out()).isEmpty();

        Result approved = cli("tenants", "approve-detail", tenantId, "--json");
        assertThat(approved.json().get("detail_access").getBooleanValue()).isTrue();

        Result key = cli(
                "keys",
                "create",
                "--tenant",
                tenantId,
                "--name",
                "ERP Integration",
                "--env",
                "live",
                "--scopes",
                "runs:write,runs:read,detail:read",
                "--subject-type",
                "pf",
                "--json");
        assertThat(key.exit()).as(key.err()).isZero();
        String secret = key.json().get("key").getStringValue();
        String keyId = key.json().get("id").getStringValue();
        assertThat(secret).startsWith("sk_live_").hasSize(54);
        assertThat(key.json().get("last4").getStringValue()).isEqualTo(secret.substring(50));
        assertThat(key.json().get("subject_type").getStringValue()).isEqualTo("pf");

        Result sandbox = cli(
                "keys",
                "create",
                "--tenant",
                tenantId,
                "--name",
                "Staging",
                "--env",
                "sandbox",
                "--scopes",
                "runs:write",
                "--json");
        assertThat(sandbox.json().get("key").getStringValue()).startsWith("sk_test_");

        // The secret can never be read back: not by listing, not from the database.
        Result list = cli("keys", "list", "--tenant", tenantId, "--json");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).doesNotContain(secret).doesNotContain(secret.substring(8, 30));
        assertThat(list.json().size()).isEqualTo(2);
        Result table = cli("keys", "list", "--tenant", tenantId);
        assertThat(table.out()).contains("ERP Integration", "LAST4").doesNotContain(secret);
        assertThat(databaseText()).doesNotContain(secret).doesNotContain(secret.substring(8));

        Result revoked = cli("keys", "revoke", keyId, "--actor", "ops:maria", "--json");
        assertThat(revoked.exit()).isZero();
        assertThat(revoked.json().get("status").getStringValue()).isEqualTo("revoked");
        assertThat(revoked.json().get("revoked_by").getStringValue()).isEqualTo("ops:maria");
        assertThat(revoked.out()).doesNotContain(secret);

        List<String> actions = audit(tenantId);
        assertThat(actions)
                .contains("tenant.created", "tenant.detail_access.approved", "api_key.created", "api_key.revoked");

        Result withdrawn = cli("tenants", "revoke-detail", tenantId, "--json");
        assertThat(withdrawn.json().get("detail_access").getBooleanValue()).isFalse();
        assertThat(audit(tenantId)).contains("tenant.detail_access.revoked");
    }

    @Test
    void webhookEndpointsAreManagedFromTheCli() {
        String tenantId = cli("tenants", "create", "--name", "Hooks", "--json")
                .json()
                .get("id")
                .getStringValue();
        Result added = cli(
                "webhooks",
                "add",
                "--tenant",
                tenantId,
                "--env",
                "sandbox",
                "--url",
                "https://erp.example.com/hooks/kycert",
                "--json");
        assertThat(added.exit()).as(added.err()).isZero();
        String id = added.json().get("id").getStringValue();
        String secret = added.json().get("secret").getStringValue();
        assertThat(secret).startsWith("whsec_");

        Result list = cli("webhooks", "list", "--tenant", tenantId, "--json");
        assertThat(list.json().size()).isEqualTo(1);
        assertThat(list.out()).doesNotContain(secret).contains("https://erp.example.com/hooks/kycert");

        Result rotated = cli("webhooks", "rotate-secret", id, "--json");
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.json().get("secret").getStringValue())
                .startsWith("whsec_")
                .isNotEqualTo(secret);
        assertThat(rotated.json().get("rotating").getBooleanValue()).isTrue();

        Result deliveries = cli("webhooks", "deliveries", id, "--json");
        assertThat(deliveries.exit()).isZero();
        assertThat(deliveries.json().size()).isZero();

        Result badUrl = cli("webhooks", "add", "--tenant", tenantId, "--env", "sandbox", "--url", "ftp://x");
        assertThat(badUrl.exit()).isNotZero();
        Result unknownDelivery = cli("webhooks", "redeliver", "3fa85f64-5717-4562-b3fc-2c963f66afa6");
        assertThat(unknownDelivery.exit()).isNotZero();
        assertThat(unknownDelivery.err()).contains("no delivery");

        assertThat(cli("webhooks", "remove", id, "--json").exit()).isZero();
        assertThat(cli("webhooks", "list", "--tenant", tenantId, "--json")
                        .json()
                        .size())
                .isZero();
    }

    @Test
    void badInputExitsNonZeroWithOneLineOnStderr() {
        Result noScopes = cli(
                "keys",
                "create",
                "--tenant",
                "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "--name",
                "x",
                "--env",
                "sandbox",
                "--scopes",
                "",
                "--json");
        assertThat(noScopes.exit()).isNotZero();
        assertThat(noScopes.out()).isEmpty();

        String tenantId = cli("tenants", "create", "--name", "Beta", "--json")
                .json()
                .get("id")
                .getStringValue();
        Result emptyScopes =
                cli("keys", "create", "--tenant", tenantId, "--name", "x", "--env", "sandbox", "--scopes", ",");
        assertThat(emptyScopes.exit()).isNotZero();
        assertThat(emptyScopes.err()).contains("at least one scope");

        Result badScope = cli(
                "keys", "create", "--tenant", tenantId, "--name", "x", "--env", "sandbox", "--scopes", "runs:delete");
        assertThat(badScope.exit()).isNotZero();
        assertThat(badScope.err().strip()).startsWith("kycert: unknown scope");

        Result badEnv =
                cli("keys", "create", "--tenant", tenantId, "--name", "x", "--env", "prod", "--scopes", "runs:read");
        assertThat(badEnv.exit()).isNotZero();
        assertThat(badEnv.err()).contains("live or sandbox");

        Result pastExpiry = cli(
                "keys",
                "create",
                "--tenant",
                tenantId,
                "--name",
                "x",
                "--env",
                "sandbox",
                "--scopes",
                "runs:read",
                "--expires-at",
                "2001-01-01T00:00:00Z");
        assertThat(pastExpiry.exit()).isNotZero();

        Result unknownTenant = cli("keys", "list", "--tenant", "3fa85f64-5717-4562-b3fc-2c963f66afa6");
        assertThat(unknownTenant.exit()).isNotZero();
        assertThat(unknownTenant.err()).contains("no tenant");

        Result missingOption = cli("tenants", "create");
        assertThat(missingOption.exit()).isNotZero();
        assertThat(missingOption.err()).contains("--name");

        Result unknownCommand = cli("frobnicate");
        assertThat(unknownCommand.exit()).isNotZero();
    }

    private static String databaseText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (var c = db.connect();
                var s = c.createStatement()) {
            for (String table : List.of("api_keys", "audit_log", "tenants")) {
                try (ResultSet rows = s.executeQuery("select t::text from " + table + " t")) {
                    while (rows.next()) {
                        all.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static List<String> audit(String tenantId) throws Exception {
        List<String> actions = new ArrayList<>();
        try (var c = db.connect();
                var s = c.prepareStatement("select action from audit_log where tenant_id = ?::uuid order by id")) {
            s.setString(1, tenantId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    actions.add(rows.getString(1));
                }
            }
        }
        return actions;
    }

    /**
     * What the command wrote to stderr: System.err is the JVM's, so a log line of a background thread of another
     * test's server context (a scheduler, a readiness check) can land in the capture; those are not the CLI's.
     */
    static String cliLines(String stderr) {
        return stderr.lines()
                .filter(line ->
                        !line.matches("^\\d{4}-\\d{2}-\\d{2}T\\S+ +[A-Z]+ +\\[scheduled-executor-thread-\\d+\\].*"))
                .collect(java.util.stream.Collectors.joining("\n", "", stderr.endsWith("\n") ? "\n" : ""));
    }
}
