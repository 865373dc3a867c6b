package br.com.kycert.contract.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for the contract suite, on the local server (or the one named by
 * KYCERT_TEST_PG_URL / _USER / _PASSWORD), created through the maintenance database and dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String BASE = env("KYCERT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = env("KYCERT_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("KYCERT_TEST_PG_PASSWORD", "");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() {
        String name = "kycert_contract_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        admin("create database " + name);
        return new TestDatabase(name);
    }

    public String url() {
        return BASE + name;
    }

    /** Runs one statement directly against the test database, e.g. to play the (not yet existing) worker. */
    public int update(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(url(), USER, PASSWORD);
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
            throw new IllegalStateException("PostgreSQL is needed for the contract tests: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
