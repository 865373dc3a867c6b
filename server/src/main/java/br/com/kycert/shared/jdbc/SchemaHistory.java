package br.com.kycert.shared.jdbc;

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
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether a database's schema is current for this jar, cheaply: the versions of the migrations on the classpath
 * against those {@code flyway_schema_history} records as applied, in one query. Letting Flyway find it out (scan,
 * configuration, validation of every checksum) costs more than a CLI command, and 0.2–0.3 s of the server's start-up;
 * both ask this first and run Flyway only when the schema is behind (a fresh database, or a newer jar).
 */
public final class SchemaHistory {

    private static final String LOCATION = "db/migration";
    private static final Pattern MIGRATION = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");
    private static final String UNDEFINED_TABLE = "42P01";

    private SchemaHistory() {}

    /** Every migration of this jar is applied (a failed one is not); a newer jar's extra migrations do not count. */
    public static boolean isCurrent(Connection connection) {
        return applied(connection).containsAll(onClasspath());
    }

    /** Versions Flyway has applied successfully; empty when it never ran on this database. */
    public static Set<String> applied(Connection connection) {
        Set<String> versions = new HashSet<>();
        try (Statement s = connection.createStatement();
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

    /**
     * Versions of the migrations packaged with this jar (or on the test classpath), as Flyway writes them. Read once
     * per JVM (the jar's entries are scanned for them), since the classpath does not change.
     */
    public static Set<String> onClasspath() {
        return Packaged.VERSIONS;
    }

    /** Holds the classpath's versions, scanned on first use. */
    private static final class Packaged {
        static final Set<String> VERSIONS = scan();
    }

    private static Set<String> scan() {
        Set<String> versions = new TreeSet<>();
        try {
            Enumeration<URL> roots = SchemaHistory.class.getClassLoader().getResources(LOCATION);
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
        return Collections.unmodifiableSet(versions);
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
