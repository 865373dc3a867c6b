package br.com.kycert.shared.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.PackagedJar;
import br.com.kycert.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code serve} migrates a database that is behind (fresh, or migrated by an older jar) and, on one that is current,
 * starts without running Flyway, saying so in one line.
 */
class ServeSchemaIT {

    static final Map<String, String> DEVELOPMENT = Map.of("KYCERT_DEVELOPMENT", "true");
    static final String CURRENT = "Schema current: all ";

    static PackagedJar jar;

    @BeforeAll
    static void setUp() throws IOException {
        Path work = Files.createTempDirectory("kycert-schema");
        jar = new PackagedJar(work);
    }

    @Test
    void aFreshDatabaseIsMigratedAndTheNextStartFindsItCurrent() throws SQLException {
        try (TestDatabase db = TestDatabase.create()) {
            try (PackagedJar.Served first = jar.serve(db, DEVELOPMENT)) {
                assertThat(first.health()).as(first.log()).isEqualTo(200);
                assertThat(first.log()).doesNotContain(CURRENT);
            }
            assertThat(applied(db)).isEqualTo(SchemaHistory.onClasspath());
            try (PackagedJar.Served second = jar.serve(db, DEVELOPMENT)) {
                assertThat(second.health()).as(second.log()).isEqualTo(200);
                assertThat(second.log())
                        .contains(CURRENT + SchemaHistory.onClasspath().size()
                                + " migrations of this jar are applied; Flyway does not run");
            }
            assertThat(applied(db)).isEqualTo(SchemaHistory.onClasspath());
        }
    }

    @Test
    void aDatabaseAnOlderJarMigratedIsBroughtUpToDate() throws SQLException {
        try (TestDatabase db = TestDatabase.create()) {
            Flyway.configure()
                    .dataSource(db.url(), TestDatabase.USER, TestDatabase.PASSWORD)
                    .locations("classpath:db/migration")
                    .target("34")
                    .load()
                    .migrate();
            assertThat(applied(db)).doesNotContain("35");
            try (PackagedJar.Served server = jar.serve(db, DEVELOPMENT)) {
                assertThat(server.health()).as(server.log()).isEqualTo(200);
                assertThat(server.log()).doesNotContain(CURRENT);
            }
            assertThat(applied(db)).isEqualTo(SchemaHistory.onClasspath());
        }
    }

    private static Set<String> applied(TestDatabase db) throws SQLException {
        Set<String> versions = new TreeSet<>();
        try (var c = db.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "select version from flyway_schema_history where success and version is not null")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
