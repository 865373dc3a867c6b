package br.com.kycert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.users.SignInResult;
import br.com.kycert.users.SignedIn;
import br.com.kycert.users.UserService;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code users}, {@code support}, {@code dev bootstrap} and the detail approval's reason, run as the jar runs them. */
class UsersCliIT {

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

        String all() {
            return out + "\n" + err;
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

    static synchronized Result cli(String stdin, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = Cli.run(args);
            return new Result(
                    exit, o.toString(StandardCharsets.UTF_8).strip(), cliLines(e.toString(StandardCharsets.UTF_8)));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
        }
    }

    @Test
    void membersAreCreatedWithAPasswordFromStandardInputOnlyListedAndRemoved() throws Exception {
        String tenantId = cli("", "tenants", "create", "--name", "Corretora Gama", "--json")
                .json()
                .get("id")
                .getStringValue();
        String password = "Senha-muito-secreta-42";

        Result created = cli(
                password + "\n",
                "users",
                "create",
                "--tenant",
                tenantId,
                "--email",
                "Ana@Gama.com.br",
                "--role",
                "owner",
                "--password-stdin",
                "--json");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.json().get("email").getStringValue()).isEqualTo("Ana@Gama.com.br");
        assertThat(created.json().get("role").getStringValue()).isEqualTo("owner");
        assertThat(created.json().get("tenant_id").getStringValue()).isEqualTo(tenantId);
        String userId = created.json().get("id").getStringValue();
        assertThat(created.all()).doesNotContain(password);

        // The line break echo adds is not part of the password; the password works for signing in.
        try (TestServer server = TestServer.start(db)) {
            SignInResult signedIn =
                    server.bean(UserService.class).signIn("ana@gama.com.br", password.toCharArray(), null, null);
            assertThat(signedIn)
                    .isInstanceOfSatisfying(
                            SignInResult.Success.class,
                            s -> assertThat(((SignedIn.Member) s.principal())
                                            .tenantId()
                                            .toString())
                                    .isEqualTo(tenantId));
        }

        // There is no way to pass the password as an argument.
        Result asArgument = cli(
                "",
                "users",
                "create",
                "--tenant",
                tenantId,
                "--email",
                "bia@gama.com.br",
                "--role",
                "viewer",
                "--password",
                password);
        assertThat(asArgument.exit()).isNotZero();
        assertThat(asArgument.err()).contains("--password");
        Result noStdinFlag = cli(
                password, "users", "create", "--tenant", tenantId, "--email", "bia@gama.com.br", "--role", "viewer");
        assertThat(noStdinFlag.exit()).isNotZero();
        assertThat(noStdinFlag.err()).contains("--password-stdin");
        Result emptyStdin = cli(
                "",
                "users",
                "create",
                "--tenant",
                tenantId,
                "--email",
                "bia@gama.com.br",
                "--role",
                "viewer",
                "--password-stdin");
        assertThat(emptyStdin.exit()).isNotZero();
        assertThat(emptyStdin.err().strip())
                .startsWith("kycert: no password on standard input")
                .doesNotContain("\n");
        Result shortPassword = cli(
                "curta\n",
                "users",
                "create",
                "--tenant",
                tenantId,
                "--email",
                "bia@gama.com.br",
                "--role",
                "viewer",
                "--password-stdin");
        assertThat(shortPassword.exit()).isNotZero();
        assertThat(shortPassword.err().strip()).isEqualTo("kycert: --password must have 12 to 1024 characters");
        assertThat(shortPassword.all()).doesNotContain("curta");
        Result badRole = cli(
                password,
                "users",
                "create",
                "--tenant",
                tenantId,
                "--email",
                "bia@gama.com.br",
                "--role",
                "superuser",
                "--password-stdin");
        assertThat(badRole.exit()).isNotZero();
        assertThat(badRole.err().strip())
                .isEqualTo("kycert: unknown role 'superuser' (use owner, admin, developer, viewer)");
        Result duplicate = cli(
                password,
                "users",
                "create",
                "--tenant",
                tenantId,
                "--email",
                "ANA@gama.com.br",
                "--role",
                "viewer",
                "--password-stdin");
        assertThat(duplicate.exit()).isNotZero();
        assertThat(duplicate.err().strip()).isEqualTo("kycert: --email is already used by another account");
        Result unknownTenant = cli(
                password,
                "users",
                "create",
                "--tenant",
                "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "--email",
                "x@gama.com.br",
                "--role",
                "viewer",
                "--password-stdin");
        assertThat(unknownTenant.err().strip()).isEqualTo("kycert: no tenant 3fa85f64-5717-4562-b3fc-2c963f66afa6");

        Result viewer = cli(
                "another password 1",
                "users",
                "create",
                "--tenant",
                tenantId,
                "--email",
                "bia@gama.com.br",
                "--role",
                "viewer",
                "--password-stdin",
                "--json");
        assertThat(viewer.exit()).as(viewer.err()).isZero();
        Result list = cli("", "users", "list", "--tenant", tenantId, "--json");
        assertThat(list.json().size()).isEqualTo(2);
        assertThat(list.out()).doesNotContain("argon2").doesNotContain(password);
        Result table = cli("", "users", "list", "--tenant", tenantId);
        assertThat(table.out()).contains("EMAIL", "ROLE", "Ana@Gama.com.br", "viewer");

        Result removed = cli("", "users", "remove", viewer.json().get("id").getStringValue(), "--json");
        assertThat(removed.exit()).as(removed.err()).isZero();
        assertThat(cli("", "users", "list", "--tenant", tenantId, "--json")
                        .json()
                        .size())
                .isEqualTo(1);
        Result again = cli("", "users", "remove", viewer.json().get("id").getStringValue());
        assertThat(again.exit()).isNotZero();
        assertThat(again.err()).contains("no user");

        assertThat(databaseText()).doesNotContain(password);
        assertThat(userId).isNotBlank();
    }

    @Test
    void supportStaffAreCreatedWithoutATenantAndDetailDecisionsCarryAReason() throws Exception {
        Result staff = cli(
                "support password 1\n",
                "support",
                "create",
                "--email",
                "suporte@kycert.com.br",
                "--password-stdin",
                "--json");
        assertThat(staff.exit()).as(staff.err()).isZero();
        assertThat(staff.json().get("role").getStringValue()).isEqualTo("support");
        assertThat(staff.json().get("tenant_id").isNull()).isTrue();
        assertThat(cli("", "support", "list", "--json").out()).contains("suporte@kycert.com.br");

        String tenantId = cli("", "tenants", "create", "--name", "Corretora Delta", "--json")
                .json()
                .get("id")
                .getStringValue();
        Result approved = cli(
                "", "tenants", "approve-detail", tenantId, "--reason", "Contrato de KYC avançado assinado", "--json");
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.json().get("detail_access").getBooleanValue()).isTrue();
        assertThat(approved.json().get("detail_access_reason").getStringValue())
                .isEqualTo("Contrato de KYC avançado assinado");
        Result withdrawn = cli("", "tenants", "revoke-detail", tenantId, "--json");
        assertThat(withdrawn.json().get("detail_access").getBooleanValue()).isFalse();
        assertThat(withdrawn.json().get("detail_access_reason").isNull()).isTrue();
        try (var c = db.connect();
                var s = c.prepareStatement("select details->>'reason' from audit_log where tenant_id = ?::uuid"
                        + " and action = 'tenant.detail_access.approved'")) {
            s.setString(1, tenantId);
            try (ResultSet rows = s.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Contrato de KYC avançado assinado");
            }
        }
    }

    @Test
    void devBootstrapPrintsExportsWhoseKeyWorksAndAnOwnerWhoCanSignIn() throws Exception {
        Result shell = cli("", "dev", "bootstrap");
        assertThat(shell.exit()).as(shell.err()).isZero();
        Map<String, String> exports = new LinkedHashMap<>();
        String email = null;
        String password = null;
        for (String line : shell.out().split("\n")) {
            if (line.startsWith("export ")) {
                String[] kv = line.substring(7).split("=", 2);
                exports.put(kv[0], kv[1]);
            } else if (line.startsWith("# Sign in as ")) {
                String[] words = line.split(" ");
                email = words[4];
                password = words[7];
            } else {
                assertThat(line).startsWith("# ");
            }
        }
        assertThat(exports).containsKeys("KYCERT_API_KEY", "KYCERT_TEMPLATE_ID", "KYCERT_TENANT_ID", "KYCERT_BASE_URL");
        assertThat(exports.get("KYCERT_API_KEY")).startsWith("sk_test_");
        assertThat(shell.out()).contains("# Dashboard: http://localhost:8080/dashboard");

        Result json = cli(
                "",
                "dev",
                "bootstrap",
                "--name",
                "Corretora Epsilon",
                "--email",
                "dono@epsilon.com.br",
                "--url",
                "https://kycert.example/",
                "--json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.json().get("email").getStringValue()).isEqualTo("dono@epsilon.com.br");
        assertThat(json.json().get("dashboard_url").getStringValue()).isEqualTo("https://kycert.example/dashboard");
        assertThat(json.json().get("password").getStringValue()).hasSize(24);

        try (TestServer server = TestServer.start(db)) {
            Http http = server.http();
            String key = exports.get("KYCERT_API_KEY");
            Http.Response run = http.post(
                    "/api/v1/bureau/runs",
                    "{\"template_id\": \"" + exports.get("KYCERT_TEMPLATE_ID")
                            + "\", \"subject\": {\"type\": \"pf\", \"doc\": \"900.000.001-75\", \"name\": \"João Silva\"}}",
                    "X-API-Key",
                    key);
            assertThat(run.status()).as(run.body()).isEqualTo(201);
            Http.Response list = http.get("/api/v1/bureau/runs", "Authorization", "Bearer " + key);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("data").size()).isEqualTo(1);

            UserService users = server.bean(UserService.class);
            SignInResult owner = users.signIn(email, password.toCharArray(), null, null);
            assertThat(owner).isInstanceOfSatisfying(SignInResult.Success.class, s -> {
                SignedIn.Member m = (SignedIn.Member) s.principal();
                assertThat(m.role().value()).isEqualTo("owner");
                assertThat(m.tenantId().toString()).isEqualTo(exports.get("KYCERT_TENANT_ID"));
            });
            assertThat(users.signIn(
                            "dono@epsilon.com.br",
                            json.json().get("password").getStringValue().toCharArray(),
                            null,
                            null))
                    .isInstanceOf(SignInResult.Success.class);
        }
    }

    private static String databaseText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (var c = db.connect();
                var s = c.createStatement()) {
            for (String table : java.util.List.of("users", "audit_log", "tenants")) {
                try (ResultSet rows = s.executeQuery("select t::text from " + table + " t")) {
                    while (rows.next()) {
                        all.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
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
