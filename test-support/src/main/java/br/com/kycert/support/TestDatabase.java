package br.com.kycert.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per test class (or suite), on the local server (or the one named by
 * KYCERT_TEST_PG_URL / _USER / _PASSWORD; PGPORT moves the local one), or, when none is configured and
 * none answers, an embedded PostgreSQL 17 started once for this JVM (KYCERT_EMBEDDED_DB=true forces it,
 * =false forbids it), dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {

    private static final Server SERVER = Server.find();
    private static final String BASE = SERVER.base();
    public static final String USER = SERVER.user();
    public static final String PASSWORD = SERVER.password();

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** A database named {@code kycert_test_<random>}. */
    public static TestDatabase create() {
        return create("kycert_test_");
    }

    /** A database named {@code <prefix><random>}, so a suite's databases are recognisable. */
    public static TestDatabase create(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("a database name prefix is lower-case letters, digits and _: " + prefix);
        }
        String name = prefix
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        admin("create database " + name);
        return new TestDatabase(name);
    }

    public String url() {
        return BASE + name;
    }

    public String name() {
        return name;
    }

    /** A direct connection, for asserting database state after a request. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    /** Runs one statement directly against the test database; returns the rows it changed. */
    public int update(String sql, Object... args) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin("drop database if exists " + name + " with (force)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(BASE + "postgres", USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for the tests: " + e.getMessage(), e);
        }
    }

    /** Where the test databases live: chosen once per JVM, as the server chooses its own. */
    private record Server(String base, String user, String password) {

        static Server find() {
            String configured = env("KYCERT_TEST_PG_URL", null);
            if (configured != null) {
                return new Server(
                        configured, env("KYCERT_TEST_PG_USER", "postgres"), env("KYCERT_TEST_PG_PASSWORD", ""));
            }
            String mode = env("KYCERT_EMBEDDED_DB", "auto").trim().toLowerCase(Locale.ROOT);
            int port = Integer.parseInt(env("PGPORT", "5432"));
            Server local = new Server(
                    "jdbc:postgresql://127.0.0.1:" + port + "/",
                    env("KYCERT_TEST_PG_USER", "postgres"),
                    env("KYCERT_TEST_PG_PASSWORD", ""));
            if (mode.equals("false") || (!mode.equals("true") && answers(port))) {
                return local;
            }
            try {
                // A throwaway cluster (temporary data directory, free port), stopped when the JVM exits.
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
                        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                                .start();
                System.err.println("Tests: "
                        + (mode.equals("true") ? "KYCERT_EMBEDDED_DB=true" : "nothing answers on 127.0.0.1:" + port)
                        + "; using an embedded PostgreSQL on port " + postgres.getPort());
                return new Server("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/", "postgres", "");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(
                        "no PostgreSQL for the tests, and the embedded one did not start: " + e.getMessage(), e);
            }
        }

        private static boolean answers(int port) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
