package br.com.kycert.shared.jdbc;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which PostgreSQL the server and the CLI use, decided once before the application context starts,
 * and said in one log line with the reason:
 *
 * <ol>
 *   <li>a configured database ({@code datasources.default.url}, e.g. {@code DATASOURCES_DEFAULT_URL})
 *       always wins;
 *   <li>otherwise the local PostgreSQL on {@code 127.0.0.1:5432} ({@code PGPORT} moves the port) when
 *       it answers;
 *   <li>otherwise, only where {@code KYCERT_EMBEDDED_DB=auto} (what {@code bin/serve} and
 *       {@code bin/kycert} set) or {@code =true} (which also skips step 2), an embedded PostgreSQL 17
 *       with its data in {@code ~/.kycert/pgdata} ({@code KYCERT_HOME} moves it): the one already
 *       running there, or a new one;
 *   <li>otherwise start-up stops with a message saying what to set.
 * </ol>
 *
 * Without the setting, a plain {@code java -jar} never starts an embedded database: a production
 * node with no database configured fails at start-up, saying so, instead of serving from a local
 * disk. The embedded server's classes are only loaded in the third case.
 */
public final class DatabaseChoice implements AutoCloseable {

    /** The setting's property name; the environment variable is {@code KYCERT_EMBEDDED_DB}. */
    public static final String EMBEDDED = "kycert.embedded-db";

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 5432;
    static final int DEFAULT_EMBEDDED_PORT = 54329;
    static final String DATABASE = "kycert";
    private static final String URL = "datasources.default.url";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseChoice.class);

    /** How the embedded fallback may be used. */
    enum Mode {
        /** Never (the default of a plain {@code java -jar}). */
        NEVER,
        /** When no database is configured and none answers locally. */
        AUTO,
        /** Whenever no database is configured, even if a local one answers. */
        FORCED;

        static Mode of(Optional<String> value) {
            String v = value.map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("");
            return switch (v) {
                case "", "false", "never", "no", "off" -> NEVER;
                case "auto" -> AUTO;
                case "true", "yes", "on", "always" -> FORCED;
                default ->
                    throw new IllegalArgumentException(
                            "KYCERT_EMBEDDED_DB must be true, auto or false, not " + value.get());
            };
        }
    }

    /** What was chosen: nothing to add (configured), or the URL of the local or embedded server. */
    record Target(Map<String, Object> properties, String description, String reason) {}

    private final Target target;
    private final AutoCloseable embedded;

    private DatabaseChoice(Target target, AutoCloseable embedded) {
        this.target = target;
        this.embedded = embedded;
    }

    /**
     * Decides (starting the embedded server if that is the answer) and logs the decision. The
     * CLI passes {@code quiet}: it names the database on stderr only when it had to start one.
     */
    public static DatabaseChoice choose(Environment environment, boolean quiet) {
        Mode mode = Mode.of(environment.getProperty(EMBEDDED, String.class));
        Optional<String> configured = environment.getProperty(URL, String.class).filter(s -> !s.isBlank());
        int localPort = environment.getProperty("pgport", Integer.class).orElse(DEFAULT_PORT);
        Path home = environment
                .getProperty("kycert.home", String.class)
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".kycert"));
        int embeddedPort = environment
                .getProperty("kycert.embedded-db-port", Integer.class)
                .orElse(DEFAULT_EMBEDDED_PORT);

        if (configured.isPresent()) {
            Target target = new Target(
                    Map.of(),
                    masked(configured.get()),
                    mode == Mode.FORCED
                            ? "configured by " + URL + "; a configured database wins over KYCERT_EMBEDDED_DB=true"
                            : "configured by " + URL);
            return log(new DatabaseChoice(target, null), quiet);
        }
        String local = "jdbc:postgresql://" + DEFAULT_HOST + ":" + localPort + "/" + DATABASE;
        boolean localAnswers = mode != Mode.FORCED && answers(DEFAULT_HOST, localPort);
        if (localAnswers) {
            return log(
                    new DatabaseChoice(
                            new Target(
                                    Map.of(URL, local),
                                    local,
                                    "no database configured; the local PostgreSQL answers on " + DEFAULT_HOST + ":"
                                            + localPort),
                            null),
                    quiet);
        }
        if (mode == Mode.NEVER) {
            // Failing here says what to do; letting the pool fail says "connection refused" in a
            // stack trace.
            throw new IllegalStateException("no database: none is configured and nothing answers on " + DEFAULT_HOST
                    + ":" + localPort + "; set DATASOURCES_DEFAULT_URL, or KYCERT_EMBEDDED_DB=auto for an embedded"
                    + " PostgreSQL (bin/serve and bin/kycert set it)");
        }
        String why = mode == Mode.FORCED
                ? "KYCERT_EMBEDDED_DB=true"
                : "no database configured and nothing answers on " + DEFAULT_HOST + ":" + localPort
                        + "; KYCERT_EMBEDDED_DB=auto";
        Path dataDirectory = home.resolve("pgdata");
        Optional<Integer> running = runningPort(dataDirectory);
        if (running.isPresent()) {
            String url = "jdbc:postgresql://" + DEFAULT_HOST + ":" + running.get() + "/" + DATABASE;
            return log(
                    new DatabaseChoice(
                            new Target(
                                    embeddedProperties(url),
                                    url,
                                    "the embedded PostgreSQL already running on " + dataDirectory + "; " + why),
                            null),
                    quiet);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, embeddedPort);
        String url = "jdbc:postgresql://" + DEFAULT_HOST + ":" + server.port() + "/" + DATABASE;
        return log(
                new DatabaseChoice(
                        new Target(
                                embeddedProperties(url),
                                url,
                                "embedded PostgreSQL " + server.version() + " started, data in " + dataDirectory + "; "
                                        + why),
                        server),
                false);
    }

    /** The settings to add to the application context (none when the database was configured). */
    public PropertySource propertySource() {
        // Above application.yml, below anything set explicitly (which the choice then was).
        return PropertySource.of("kycert-database", target.properties(), 50);
    }

    Target target() {
        return target;
    }

    /** Whether this process started an embedded server (and will stop it on close). */
    public boolean startedEmbedded() {
        return embedded != null;
    }

    /** Stops the embedded server if this process started it; the data stays. */
    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                LOG.warn("Could not stop the embedded PostgreSQL: {}", e.getMessage());
            }
        }
    }

    private static Map<String, Object> embeddedProperties(String url) {
        // The embedded cluster is initialised with a trusted "postgres" superuser, whatever is configured.
        return Map.of(URL, url, "datasources.default.username", "postgres", "datasources.default.password", "");
    }

    private static DatabaseChoice log(DatabaseChoice choice, boolean quiet) {
        if (quiet) {
            LOG.debug("Database: {} ({})", choice.target.description(), choice.target.reason());
        } else {
            LOG.info("Database: {} ({})", choice.target.description(), choice.target.reason());
        }
        return choice;
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The port of a PostgreSQL already serving this data directory (started by a server or CLI
     * still running, or left behind by one that was killed), read from its {@code postmaster.pid}.
     */
    static Optional<Integer> runningPort(Path dataDirectory) {
        Path pid = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pid)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pid);
            // Line 4 of postmaster.pid is the port (PostgreSQL's miscadmin.h, LOCK_FILE_LINE_PORT).
            if (lines.size() < 4) {
                return Optional.empty();
            }
            int port = Integer.parseInt(lines.get(3).trim());
            return answers(DEFAULT_HOST, port) ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pid, e);
        }
    }

    /** The URL without credentials a user may have put in it. */
    static String masked(String url) {
        return url.replaceAll("(?i)(password|user)=[^&]*", "$1=***");
    }
}
