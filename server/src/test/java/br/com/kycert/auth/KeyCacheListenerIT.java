package br.com.kycert.auth;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.keys.KeyChangeListener;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The key cache is only believed while its LISTEN connection is up. Each scenario has its own
 * database, so cutting "the" listener (pg_terminate_backend, as a failover or an idle-connection
 * reaper would) cuts exactly one node's. Changes are made with the triggers disabled where the test
 * needs to tell an answer from memory from an answer from the database.
 */
class KeyCacheListenerIT {

    static final String RUNS = "/api/v1/bureau/runs";

    static TestDatabase cutDb;
    static TestServer cutNode;
    static Fixtures cutFx;
    static TestDatabase reconnectDb;
    static TestServer reconnectNode;
    static Fixtures reconnectFx;

    @BeforeAll
    static void start() {
        cutDb = TestDatabase.create();
        // This node does not reconnect during the test: it shows what a node does while cut off.
        cutNode = TestServer.start(cutDb, Map.of("kycert.keys.cache.reconnect-delay", "1h"));
        cutFx = new Fixtures(cutNode, cutDb);
        reconnectDb = TestDatabase.create();
        reconnectNode = TestServer.start(reconnectDb, Map.of("kycert.keys.cache.reconnect-delay", "200ms"));
        reconnectFx = new Fixtures(reconnectNode, reconnectDb);
    }

    @AfterAll
    static void stop() {
        cutNode.close();
        reconnectNode.close();
        cutDb.close();
        reconnectDb.close();
    }

    @Test
    void aNodeWhoseListenerIsCutReadsEveryKeyFromTheDatabase() {
        Fixtures.Key key = cutFx.key(cutFx.tenant("Cut"), "runs:read");
        assertThat(cutNode.bean(KeyChangeListener.class).listening()).isTrue();
        assertThat(status(cutNode, key)).isEqualTo(200);

        // A change nobody hears of: the node answers from memory, so it still accepts the key.
        silently(cutDb, "update api_keys set status = 'revoked' where id = '" + key.id() + "'");
        assertThat(status(cutNode, key)).isEqualTo(200);

        terminateListeners(cutDb);
        awaitTrue(() -> !cutNode.bean(KeyChangeListener.class).listening(), Duration.ofSeconds(5));
        // Cut off, the node believes nothing it holds: the revocation it never heard of counts at once...
        assertThat(status(cutNode, key)).isEqualTo(401);
        // ...and every request reads the database, both ways.
        silently(cutDb, "update api_keys set status = 'active' where id = '" + key.id() + "'");
        assertThat(status(cutNode, key)).isEqualTo(200);
        silently(cutDb, "update api_keys set status = 'inactive' where id = '" + key.id() + "'");
        assertThat(status(cutNode, key)).isEqualTo(401);
        assertThat(cutNode.bean(KeyChangeListener.class).listening()).isFalse();
    }

    @Test
    void aReconnectedListenerFlushesWhatItMissedAndInvalidatesAgain() {
        Fixtures.Key key = reconnectFx.key(reconnectFx.tenant("Reconnect"), "runs:read");
        KeyChangeListener listener = reconnectNode.bean(KeyChangeListener.class);
        assertThat(status(reconnectNode, key)).isEqualTo(200);

        silently(reconnectDb, "update api_keys set status = 'inactive' where id = '" + key.id() + "'");
        assertThat(status(reconnectNode, key)).isEqualTo(200); // from memory
        terminateListeners(reconnectDb);
        awaitTrue(() -> listenerBackends(reconnectDb) == 1 && listener.listening(), Duration.ofSeconds(10));
        // Reconnected: the cache was flushed, so the change missed while cut off counts.
        assertThat(status(reconnectNode, key)).isEqualTo(401);

        silently(reconnectDb, "update api_keys set status = 'active' where id = '" + key.id() + "'");
        reconnectFx.sql("update api_keys set name = 'renamed' where id = ?", key.id());
        assertThat(status(reconnectNode, key)).isEqualTo(200);
        // And notifications invalidate again: a revocation counts within 100 ms.
        Instant deadline;
        try (Connection c = reconnectDb.connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("update api_keys set status = 'revoked' where id = '" + key.id() + "'");
            deadline = Instant.now().plusMillis(100);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Http.Response last;
        do {
            last = reconnectNode.http().get(RUNS, "X-API-Key", key.secret());
        } while (last.status() != 401 && Instant.now().isBefore(deadline));
        assertThat(last.status()).isEqualTo(401);
    }

    private static int status(TestServer node, Fixtures.Key key) {
        return node.http().get(RUNS, "X-API-Key", key.secret()).status();
    }

    /** Runs a statement with the notifying triggers off, in one transaction. */
    private static void silently(TestDatabase db, String statement) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("alter table api_keys disable trigger user");
                s.executeUpdate(statement);
                s.execute("alter table api_keys enable trigger user");
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void terminateListeners(TestDatabase db) {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            var rows = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                    + " where datname = current_database() and application_name = '"
                    + KeyChangeListener.APPLICATION_NAME + "'");
            rows.next();
            assertThat(rows.getInt(1)).as("listening connections cut").isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int listenerBackends(TestDatabase db) {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            var rows = s.executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                    + " and application_name = '" + KeyChangeListener.APPLICATION_NAME + "'");
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", timeout).isBefore(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
