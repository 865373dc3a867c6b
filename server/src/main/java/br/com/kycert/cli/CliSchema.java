package br.com.kycert.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.jdbc.DataSourceResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Brings the schema up to date for the CLI, cheaply. Letting Flyway run at every command (scan,
 * validate every checksum) cost more than the command itself, so the CLI compares the migration
 * versions on its classpath with {@code flyway_schema_history} in one query and runs Flyway, with
 * the server's own configuration, only when the schema is behind (a fresh database, or a newer
 * jar). The server keeps validating and migrating at start-up as before.
 *
 * <p>The command's context has Flyway switched off entirely ({@code application-cli.yml}): even
 * building its configuration costs a twentieth of a command. Migrating happens in a second context
 * of the same environment and database with Flyway on, started and closed for that alone.
 */
final class CliSchema {

    private static final String LOCATION = "db/migration";
    private static final Pattern MIGRATION = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");
    private static final String UNDEFINED_TABLE = "42P01";

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
        if (applied(plain).containsAll(onClasspath())) {
            return;
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

    /** Versions Flyway has applied successfully; empty when it never ran on this database. */
    static Set<String> applied(DataSource dataSource) {
        Set<String> versions = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select version from flyway_schema_history where success and version is not null")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw new IllegalStateException("cannot read the schema history: " + e.getMessage(), e);
            }
        }
        return versions;
    }

    /** Versions of the migrations packaged with this jar (or on the test classpath), as Flyway writes them. */
    static Set<String> onClasspath() {
        Set<String> versions = new TreeSet<>();
        try {
            Enumeration<URL> roots = CliSchema.class.getClassLoader().getResources(LOCATION);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                for (String name : names(root)) {
                    Matcher m = MIGRATION.matcher(name);
                    if (m.matches()) {
                        versions.add(m.group(1).replace('_', '.'));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no migrations found under classpath:" + LOCATION);
        }
        return versions;
    }

    private static Set<String> names(URL root) throws IOException {
        Set<String> names = new TreeSet<>();
        if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(true); // the class loader's own open JarFile, not a second copy
            JarFile jar = connection.getJarFile();
            String prefix = connection.getEntryName() + "/";
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String entry = entries.nextElement().getName();
                if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0) {
                    names.add(entry.substring(prefix.length()));
                }
            }
        } else if ("file".equals(root.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                files.forEach(f -> names.add(f.getFileName().toString()));
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return names;
    }
}
