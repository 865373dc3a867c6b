package br.com.kycert.keys;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jar as an operator runs it: with the public development pepper and no development mode, the
 * server and the CLI refuse to start, in one line that names the variable to set; with a pepper of
 * its own, or in development mode (what bin/serve and bin/kycert set), they start.
 */
class DevelopmentPepperIT {

    static TestDatabase db;
    static Path jar;
    static Path work;

    @BeforeAll
    static void setUp() throws IOException {
        db = TestDatabase.create();
        jar = Path.of(System.getProperty("kycert.repo"), "server", "target", "kycert-server.jar")
                .toAbsolutePath()
                .normalize();
        assertThat(jar).as("the packaged server jar").exists();
        work = Files.createTempDirectory("kycert-pepper");
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void theServerRefusesThePublicPepperOutsideDevelopmentMode() throws Exception {
        // A database of its own: the other tests migrate theirs.
        try (TestDatabase untouched = TestDatabase.create()) {
            Run run = run(untouched, Map.of(), "serve");
            assertRefusedInOneLine(run);
            assertThat(migrated(untouched))
                    .as("nothing was started: no schema was created")
                    .isFalse();
        }
    }

    private static void assertRefusedInOneLine(Run run) {
        assertThat(run.exit()).isEqualTo(1);
        List<String> lines = run.output().lines().toList();
        assertThat(lines)
                .as("one line, naming the variable to set")
                .filteredOn(l -> l.contains("KYCERT_KEYS_PEPPER"))
                .hasSize(1)
                .first()
                .asString()
                .contains("Not starting:")
                .contains("KYCERT_DEVELOPMENT=true");
        assertThat(run.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void theCliRefusesThePublicPepperOutsideDevelopmentMode() throws Exception {
        Run run = run(db, Map.of(), "tenants", "list", "--json");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output().strip().lines().toList())
                .singleElement()
                .asString()
                .startsWith("kycert: KYCERT_KEYS_PEPPER is not set");
    }

    @Test
    void theCliRunsInDevelopmentMode() throws Exception {
        Run run =
                run(db, Map.of("KYCERT_DEVELOPMENT", "true"), "tenants", "create", "--name", "Corretora Dev", "--json");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("\"name\":\"Corretora Dev\"");
    }

    @Test
    void theServerStartsWithAPepperOfItsOwn() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = work.resolve("serve.log");
        ProcessBuilder builder = process(
                        db,
                        Map.of(
                                "KYCERT_KEYS_PEPPER",
                                "a-pepper-of-this-deployment-only",
                                "MICRONAUT_SERVER_PORT",
                                "" + port),
                        "serve")
                .redirectOutput(log.toFile());
        Process server = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            int status = -1;
            while (Instant.now().isBefore(deadline) && server.isAlive()) {
                try {
                    status = http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    break;
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(status).as(Files.readString(log)).isEqualTo(200);
            assertThat(Files.readString(log)).doesNotContain("Development mode").doesNotContain("a-pepper-of-this");
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    record Run(int exit, String output) {}

    private static Run run(TestDatabase target, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(work, "run", ".log");
        Process p = process(target, env, args).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end within 60 s: " + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out));
    }

    private static ProcessBuilder process(TestDatabase target, Map<String, String> env, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment
                .keySet()
                .removeIf(k -> k.startsWith("KYCERT_") || k.startsWith("MICRONAUT_") || k.startsWith("DATASOURCES_"));
        environment.put("DATASOURCES_DEFAULT_URL", target.url());
        environment.put("DATASOURCES_DEFAULT_USERNAME", TestDatabase.USER);
        environment.put("DATASOURCES_DEFAULT_PASSWORD", TestDatabase.PASSWORD);
        environment.put("KYCERT_WORKER_ENABLED", "false");
        environment.putAll(env);
        return builder;
    }

    private static boolean migrated(TestDatabase target) throws SQLException {
        try (var c = target.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select to_regclass('public.flyway_schema_history') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
