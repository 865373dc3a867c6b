package br.com.kycert.shared.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.cli.Cli;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-hour path with no PostgreSQL anywhere: nothing configured and nothing answering on
 * the local port (PGPORT points at a closed one), so the server starts the embedded PostgreSQL,
 * serves, and the CLI finds that instance; the data outlives a restart.
 */
class EmbeddedDatabaseIT {

    @TempDir
    Path home;

    @Test
    void serverServesFromTheEmbeddedDatabaseTheCliSharesItAndDataSurvivesARestart() throws Exception {
        int closed = freePort();
        int embeddedPort = freePort();
        Map<String, Object> settings = Map.of(
                DatabaseChoice.EMBEDDED,
                "auto",
                "pgport",
                closed,
                "kycert.home",
                home.toString(),
                "kycert.embedded-db-port",
                embeddedPort);

        try (DatabaseChoice database = choose(settings)) {
            assertThat(database.startedEmbedded()).isTrue();
            assertThat(database.target().reason()).contains("nothing answers on 127.0.0.1:" + closed);
            try (EmbeddedServer server = serve(database)) {
                HttpResponse<String> health = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);

                // The CLI, given the same (absent) configuration, finds the running instance.
                settings.forEach((k, v) -> System.setProperty(k, v.toString()));
                try {
                    assertThat(Cli.run(new String[] {"tenants", "create", "--name", "Corretora Embutida", "--json"}))
                            .isZero();
                } finally {
                    settings.keySet().forEach(System::clearProperty);
                }
            }
        }
        // Everything stopped; a new start on the same directory sees the tenant the CLI created.
        try (DatabaseChoice again = choose(settings)) {
            assertThat(again.startedEmbedded()).isTrue();
            assertThat(tenantNames(embeddedPort)).contains("Corretora Embutida");
        }
        assertThat(home.resolve("pgdata").resolve("PG_VERSION")).content().isEqualToIgnoringNewLines("17");
    }

    private static DatabaseChoice choose(Map<String, Object> settings) {
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(new HashMap<>(settings))
                .deduceEnvironment(false)
                .build()) {
            Environment environment = context.getEnvironment();
            environment.start();
            DatabaseChoice choice = DatabaseChoice.choose(environment, false);
            environment.addPropertySource(choice.propertySource());
            DatabaseBootstrap.ensureDatabase(environment);
            return choice;
        }
    }

    private static EmbeddedServer serve(DatabaseChoice database) {
        return ApplicationContext.builder()
                .properties(Map.of(
                        "micronaut.server.port", -1, "kycert.worker.enabled", false, "kycert.management.port", 0))
                .propertySources(database.propertySource())
                .run(EmbeddedServer.class);
    }

    private static List<String> tenantNames(int port) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/kycert", "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("select name from tenants")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
