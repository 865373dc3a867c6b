package br.com.kycert.shared.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which database is chosen, and that nothing but the setting ever starts an embedded one. */
class DatabaseChoiceTest {

    @TempDir
    Path home;

    @Test
    void aConfiguredDatabaseWinsEvenOverTheForcedEmbeddedOne() {
        try (DatabaseChoice choice = choose(Map.of(
                "datasources.default.url",
                "jdbc:postgresql://db.internal:5432/kycert",
                DatabaseChoice.EMBEDDED,
                "true",
                "pgport",
                closedPort()))) {
            assertThat(choice.startedEmbedded()).isFalse();
            assertThat(choice.target().properties()).isEmpty();
            assertThat(choice.target().reason())
                    .contains("configured by datasources.default.url")
                    .contains("wins over KYCERT_EMBEDDED_DB=true");
            assertThat(home).isEmptyDirectory();
        }
    }

    @Test
    void withoutConfigurationTheLocalPostgresIsUsedWhenItAnswers() throws IOException {
        try (ServerSocket local = new ServerSocket(0);
                DatabaseChoice choice =
                        choose(Map.of(DatabaseChoice.EMBEDDED, "auto", "pgport", local.getLocalPort()))) {
            assertThat(choice.startedEmbedded()).isFalse();
            assertThat(choice.target().properties())
                    .containsEntry(
                            "datasources.default.url",
                            "jdbc:postgresql://127.0.0.1:" + local.getLocalPort() + "/kycert");
            assertThat(home).isEmptyDirectory();
        }
    }

    @Test
    void withoutTheSettingNothingEmbeddedStartsAndStartUpSaysWhatToSet() {
        int port = closedPort();
        assertThatThrownBy(() -> choose(Map.of("pgport", port)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing answers on 127.0.0.1:" + port)
                .hasMessageContaining("DATASOURCES_DEFAULT_URL")
                .hasMessageContaining("KYCERT_EMBEDDED_DB=auto");
        assertThat(home).isEmptyDirectory();
    }

    @Test
    void anUnknownSettingIsRefusedNotGuessed() {
        assertThatThrownBy(() -> choose(Map.of(DatabaseChoice.EMBEDDED, "maybe", "pgport", closedPort())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true, auto or false");
    }

    @Test
    void anEmbeddedPostgresAlreadyServingTheDataDirectoryIsReused() throws IOException {
        try (ServerSocket running = new ServerSocket(0)) {
            Path data = Files.createDirectories(home.resolve("pgdata"));
            // The first lines of a real postmaster.pid: pid, data directory, start time, port.
            Files.writeString(
                    data.resolve("postmaster.pid"),
                    "4242\n" + data + "\n1764633600\n" + running.getLocalPort() + "\n/tmp\n*\n");
            try (DatabaseChoice choice = choose(Map.of(DatabaseChoice.EMBEDDED, "auto", "pgport", closedPort()))) {
                assertThat(choice.startedEmbedded()).isFalse();
                assertThat(choice.target().properties())
                        .containsEntry(
                                "datasources.default.url",
                                "jdbc:postgresql://127.0.0.1:" + running.getLocalPort() + "/kycert")
                        .containsEntry("datasources.default.username", "postgres");
                assertThat(choice.target().reason()).contains("already running");
            }
        }
    }

    @Test
    void aStalePidFileIsNotMistakenForARunningServer() throws IOException {
        Path data = Files.createDirectories(home.resolve("pgdata"));
        Files.writeString(data.resolve("postmaster.pid"), "4242\n" + data + "\n1764633600\n" + closedPort() + "\n");
        assertThat(DatabaseChoice.runningPort(data)).isEmpty();
    }

    @Test
    void credentialsInAConfiguredUrlAreNotLogged() {
        assertThat(DatabaseChoice.masked("jdbc:postgresql://db:5432/kycert?user=app&password=s3cret"))
                .isEqualTo("jdbc:postgresql://db:5432/kycert?user=***&password=***");
    }

    private DatabaseChoice choose(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("kycert.home", home.toString());
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(all)
                .deduceEnvironment(false)
                .build()) {
            Environment environment = context.getEnvironment();
            environment.start();
            return DatabaseChoice.choose(environment, true);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // free once closed: nothing answers there
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
