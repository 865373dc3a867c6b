package br.com.kycert.keys;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one PostgreSQL connection (outside the pool) that {@code LISTEN}s on
 * {@value #CHANNEL} and turns each notification into an invalidation of {@link CachingApiKeyLookup}.
 * While connected it also checks the connection every {@code heartbeat}; on any failure the cache is
 * distrusted at once (lookups go to the database), and after {@code reconnect-delay} the listener
 * connects again, listens, and only then flushes and trusts the cache.
 */
@Context
@Requires(bean = CachingApiKeyLookup.class)
public class KeyChangeListener implements ApplicationEventListener<StartupEvent> {

    /** The channel the V30 triggers notify on. */
    public static final String CHANNEL = "kycert_key_changes";
    /** The listening connection's {@code application_name}, as {@code pg_stat_activity} shows it. */
    public static final String APPLICATION_NAME = "kycert-key-listener";

    private static final Logger LOG = LoggerFactory.getLogger(KeyChangeListener.class);

    private final CachingApiKeyLookup cache;
    private final String url;
    private final String user;
    private final String password;
    private final Duration reconnectDelay;
    private final Duration heartbeat;
    private final ConcurrentHashMap<String, CountDownLatch> syncs = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    // Micronaut's own datasource properties (as DatabaseChoice settles them), not kycert's: LISTEN needs one
    // dedicated connection of its own, outside the pool, to the same database.
    KeyChangeListener(
            CachingApiKeyLookup cache,
            @Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username:postgres}") String user,
            @Value("${datasources.default.password:}") String password,
            KeyCacheConfiguration configuration) {
        this.cache = cache;
        this.url = url;
        this.user = user;
        this.password = password;
        this.reconnectDelay = configuration.reconnectDelay();
        this.heartbeat = configuration.heartbeat();
        this.thread = new Thread(this::run, APPLICATION_NAME);
        thread.setDaemon(true);
    }

    /**
     * Starts listening once the context has started: a context that fails to start is never stopped (its beans'
     * {@code @PreDestroy} does not run), so a thread started earlier would outlive it. Until then the cache is not
     * trusted and every lookup reads the database.
     */
    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (running && thread.getState() == Thread.State.NEW) {
            thread.start();
        }
    }

    /** Whether the listener is connected and the cache trusted. */
    public boolean listening() {
        return cache.trusted();
    }

    /**
     * Waits until every notification committed before this call has been applied on this node (a
     * marker notification has come back through the listener). True at once when the cache is not
     * trusted, since every lookup then reads the database; false when {@code timeout} passed first.
     */
    public boolean awaitCaughtUp(Duration timeout) {
        if (!cache.trusted()) {
            return true;
        }
        String token = UUID.randomUUID().toString();
        CountDownLatch seen = new CountDownLatch(1);
        syncs.put(token, seen);
        try (Connection c = connect("kycert-key-sync");
                PreparedStatement s = c.prepareStatement("select pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, "sync:" + token);
            s.execute();
            return seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || !cache.trusted();
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            syncs.remove(token);
        }
    }

    @PreDestroy
    synchronized void close() {
        running = false;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.abort(Executors.newSingleThreadExecutor());
            } catch (SQLException e) {
                LOG.debug("Closing the key listener's connection: {}", e.getMessage());
            }
        }
    }

    private void run() {
        while (running) {
            try (Connection c = connect(APPLICATION_NAME)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("listen " + CHANNEL);
                }
                cache.flushAndTrust();
                LOG.info("Listening for API key changes; the key cache is in use");
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn(
                            "Key change listener disconnected ({}); keys are read from the database until it reconnects",
                            e.getMessage());
                }
            } finally {
                connection = null;
                cache.distrust();
            }
            sleep(reconnectDelay);
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
        while (running) {
            long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextHeartbeat - System.nanoTime()));
            PGNotification[] notifications = pg.getNotifications((int) Math.min(waitMillis, Integer.MAX_VALUE));
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    apply(n.getParameter());
                }
            }
            if (System.nanoTime() - nextHeartbeat >= 0) {
                try (Statement s = c.createStatement()) {
                    s.setQueryTimeout((int) Math.max(1, heartbeat.toSeconds()));
                    s.execute("select 1");
                }
                nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
            }
        }
    }

    private void apply(String payload) {
        try {
            if (payload.startsWith("key:")) {
                cache.keyChanged(UUID.fromString(payload.substring(4)));
            } else if (payload.startsWith("tenant:")) {
                cache.tenantChanged(UUID.fromString(payload.substring(7)));
            } else if (payload.startsWith("sync:")) {
                CountDownLatch seen = syncs.get(payload.substring(5));
                if (seen != null) {
                    seen.countDown();
                }
            } else {
                LOG.warn("Ignoring an unknown key change notification");
            }
        } catch (IllegalArgumentException e) {
            // Not an id we wrote: to be safe, forget everything.
            LOG.warn("Unreadable key change notification; flushing the key cache");
            cache.flushAndTrust();
        }
    }

    private Connection connect(String applicationName) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", String.valueOf(Math.max(10, heartbeat.toSeconds() * 5)));
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: datasources.default.url");
        }
        return c;
    }

    private void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
