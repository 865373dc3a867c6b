package br.com.kycert.shared.jdbc;

import io.micronaut.context.env.Environment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the configured PostgreSQL database when it does not exist yet, so a fresh machine can
 * start the server with no manual step. Flyway then creates the schema.
 */
public final class DatabaseBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?$");
    private static final String UNDEFINED_DATABASE = "3D000";

    private DatabaseBootstrap() {}

    /**
     * For {@code serve}: chooses the database ({@link DatabaseChoice}, which logs which and why) in
     * the configuration read before start-up, and creates it if missing. The returned choice's
     * property source goes into the server's context.
     */
    public static DatabaseChoice prepare(Environment environment) {
        DatabaseChoice choice = DatabaseChoice.choose(environment, false);
        environment.addPropertySource(choice.propertySource());
        ensureDatabase(environment);
        return choice;
    }

    /**
     * Creates the database {@code datasources.default.url} names, for a caller that already has
     * its (started) environment: the CLI reads it once instead of building a second context.
     */
    public static void ensureDatabase(Environment environment) {
        String url =
                environment.getProperty("datasources.default.url", String.class).orElse(null);
        String user = environment
                .getProperty("datasources.default.username", String.class)
                .orElse(null);
        String password = environment
                .getProperty("datasources.default.password", String.class)
                .orElse("");
        if (url == null) {
            return;
        }
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return;
        } catch (SQLException e) {
            if (!UNDEFINED_DATABASE.equals(e.getSQLState())) {
                return; // Not ours to fix here: the datasource will report it properly at start-up.
            }
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return;
        }
        String maintenance = m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3));
        try (Connection c = DriverManager.getConnection(maintenance, user, password);
                Statement s = c.createStatement()) {
            s.execute("create database \"" + m.group(2) + "\"");
            LOG.info("Created database {}", m.group(2));
        } catch (SQLException e) {
            LOG.warn("Could not create database {}: {}", m.group(2), e.getMessage());
        }
    }
}
