package br.com.kycert.keys;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.PackagedJar;
import br.com.kycert.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    static Path work;
    static PackagedJar jar;

    @BeforeAll
    static void setUp() throws IOException {
        db = TestDatabase.create();
        work = Files.createTempDirectory("kycert-pepper");
        jar = new PackagedJar(work);
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
    void theServerStartsWithAPepperOfItsOwn() {
        try (PackagedJar.Served server =
                jar.serve(db, Map.of("KYCERT_KEYS_PEPPER", "a-pepper-of-this-deployment-only"))) {
            assertThat(server.health()).as(server.log()).isEqualTo(200);
            assertThat(server.log()).doesNotContain("Development mode").doesNotContain("a-pepper-of-this");
        }
    }

    record Run(int exit, String output) {}

    private static Run run(TestDatabase target, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(work, "run", ".log");
        Process p = jar.process(target, env, args).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end within 60 s: " + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out));
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
