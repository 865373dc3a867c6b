package br.com.kycert.shared.jdbc;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the configured PostgreSQL database when it does not exist yet, so a fresh machine can
 * start the server with no manual step; Flyway then creates the schema. For the server, it also
 * tells whether the schema is current ({@link SchemaHistory}), so that Flyway runs at start-up only
 * when there is something to migrate.
 */
public final class DatabaseBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?$");
    private static final String UNDEFINED_DATABASE = "3D000";

    /**
     * What {@link #prepare} found: the database chosen, and whether every migration of this jar is applied to it
     * already.
     */
    public record Prepared(DatabaseChoice database, boolean schemaCurrent) {

        /**
         * What the server's context gets: the database, and, when the schema is current, Flyway switched off. Flyway
         * would scan, configure and validate for 0.2–0.3 s of the start-up (2 cores) to find nothing to do; when the schema is
         * behind (a fresh database, a newer jar) it runs as configured, under its lock, so nodes may start together.
         */
        public PropertySource[] propertySources() {
            if (!schemaCurrent) {
                return new PropertySource[] {database.propertySource()};
            }
            return new PropertySource[] {
                database.propertySource(),
                PropertySource.of("kycert-schema-current", Map.of("flyway.datasources.default.enabled", false), 50)
            };
        }
    }

    private DatabaseBootstrap() {}

    /**
     * For {@code serve}: chooses the database ({@link DatabaseChoice}, which logs which and why) in
     * the configuration read before start-up, creates it if missing, and reads whether its schema is
     * current. The answer's property sources go into the server's context.
     */
    public static Prepared prepare(Environment environment) {
        DatabaseChoice choice = DatabaseChoice.choose(environment, false);
        environment.addPropertySource(choice.propertySource());
        boolean current = ensure(environment, true);
        if (current) {
            LOG.info(
                    "Schema current: all {} migrations of this jar are applied; Flyway does not run",
                    SchemaHistory.onClasspath().size());
        }
        return new Prepared(choice, current);
    }

    /**
     * Creates the database {@code datasources.default.url} names, for a caller that already has
     * its (started) environment: the CLI reads it once instead of building a second context.
     */
    public static void ensureDatabase(Environment environment) {
        ensure(environment, false);
    }

    /**
     * Creates the database if it is missing; with {@code readSchema}, answers whether an existing one's schema is
     * current (false for a database just created, or one this could not read: Flyway then runs and reports it).
     */
    private static boolean ensure(Environment environment, boolean readSchema) {
        String url =
                environment.getProperty("datasources.default.url", String.class).orElse(null);
        String user = environment
                .getProperty("datasources.default.username", String.class)
                .orElse(null);
        String password = environment
                .getProperty("datasources.default.password", String.class)
                .orElse("");
        if (url == null) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return readSchema && current(c);
        } catch (SQLException e) {
            if (!UNDEFINED_DATABASE.equals(e.getSQLState())) {
                return false; // Not ours to fix here: the datasource will report it properly at start-up.
            }
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return false;
        }
        String maintenance = m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3));
        try (Connection c = DriverManager.getConnection(maintenance, user, password);
                Statement s = c.createStatement()) {
            s.execute("create database \"" + m.group(2) + "\"");
            LOG.info("Created database {}", m.group(2));
        } catch (SQLException e) {
            LOG.warn("Could not create database {}: {}", m.group(2), e.getMessage());
        }
        return false;
    }

    private static boolean current(Connection connection) {
        try {
            return SchemaHistory.isCurrent(connection);
        } catch (IllegalStateException unreadable) {
            return false;
        }
    }
}
