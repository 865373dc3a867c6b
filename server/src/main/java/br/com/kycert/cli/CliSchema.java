package br.com.kycert.cli;

import br.com.kycert.shared.jdbc.SchemaHistory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.jdbc.DataSourceResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Brings the schema up to date for the CLI, cheaply: {@link SchemaHistory} tells whether it is behind (a fresh
 * database, or a newer jar), and only then does Flyway run, with the server's own configuration. The server asks
 * the same before it starts ({@link br.com.kycert.shared.jdbc.DatabaseBootstrap}).
 *
 * <p>The command's context has Flyway switched off entirely ({@code application-cli.yml}): even
 * building its configuration costs a twentieth of a command. Migrating happens in a second context
 * of the same environment and database with Flyway on, started and closed for that alone.
 */
final class CliSchema {

    private CliSchema() {}

    /**
     * Migrates when the schema is behind. {@code database} is the property source of the database
     * the command uses ({@link br.com.kycert.shared.jdbc.DatabaseChoice}), for the migration's context.
     */
    static void ensureCurrent(ApplicationContext context, PropertySource database) {
        DataSource dataSource = context.getBean(DataSource.class);
        DataSource plain = context.findBean(DataSourceResolver.class)
                .map(resolver -> resolver.resolve(dataSource))
                .orElse(dataSource);
        try (Connection c = plain.getConnection()) {
            if (SchemaHistory.isCurrent(c)) {
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema history: " + e.getMessage(), e);
        }
        // application-cli.yml switches Flyway off; this is the deliberate run. Flyway migrates as
        // the context creates the data source, with the server's configuration of it.
        try (ApplicationContext migration = ApplicationContext.builder()
                .environments(Cli.ENVIRONMENT)
                .propertySources(database)
                .properties(Map.of("flyway.enabled", true, "flyway.datasources.default.enabled", true))
                .start()) {
            migration.getBean(DataSource.class);
        }
    }
}
