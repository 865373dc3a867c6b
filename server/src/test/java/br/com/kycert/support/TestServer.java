package br.com.kycert.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real kycert server on a random port, against a test database. */
public final class TestServer implements AutoCloseable {

    private final EmbeddedServer server;

    private TestServer(EmbeddedServer server) {
        this.server = server;
    }

    public static TestServer start(TestDatabase db) {
        return start(db, Map.of());
    }

    public static TestServer start(TestDatabase db, Map<String, Object> extra) {
        return start(db, extra, true);
    }

    /** A server with the rate limits of the default configuration (no test overrides). */
    public static TestServer startWithDefaultRateLimits(TestDatabase db) {
        return start(db, Map.of(), false);
    }

    private static TestServer start(TestDatabase db, Map<String, Object> extra, boolean generousRateLimits) {
        Map<String, Object> props = new HashMap<>();
        if (generousRateLimits) {
            // Tests send requests faster than an integration would; rate-limit tests set their own limits.
            for (String env : new String[] {"live", "sandbox"}) {
                props.put("kycert.rate-limits." + env + ".per-key", 100_000);
                props.put("kycert.rate-limits." + env + ".per-tenant", 100_000);
            }
        }
        props.put("micronaut.server.port", -1);
        // Tests that need runs processed start the worker explicitly (kycert.worker.enabled=true).
        props.put("kycert.worker.enabled", false);
        props.put("datasources.default.url", db.url());
        props.put("datasources.default.username", TestDatabase.USER);
        props.put("datasources.default.password", TestDatabase.PASSWORD);
        props.put("datasources.default.maximum-pool-size", 6);
        props.put("kycert.audit.flush-interval", "100ms");
        // A free port for /metrics: tests start several servers at once.
        props.put("kycert.management.port", 0);
        props.putAll(extra);
        // Not ApplicationContext.run: a server that fails to start (tests of refused configurations) must not leave its
        // context (its pool, the threads its beans started) running in the test JVM after its database is dropped.
        ApplicationContext context = ApplicationContext.builder()
                .mainClass(EmbeddedServer.class)
                .properties(props)
                .build();
        try {
            context.start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            if (!server.isRunning()) {
                server.start();
            }
            return new TestServer(server);
        } catch (RuntimeException | Error e) {
            stop(context, e);
            throw e;
        }
    }

    /**
     * Stops what a failed start left behind. A context that failed while starting is not running, so closing it does
     * nothing: the singletons it created (the connection pool above all) are destroyed one by one, newest first.
     */
    private static void stop(ApplicationContext context, Throwable failure) {
        if (context.isRunning()) {
            try {
                context.close();
            } catch (RuntimeException closing) {
                failure.addSuppressed(closing);
            }
            return;
        }
        List<BeanRegistration<Object>> created = new ArrayList<>(context.getActiveBeanRegistrations(Object.class));
        Collections.reverse(created);
        for (BeanRegistration<Object> bean : created) {
            try {
                context.destroyBean(bean);
            } catch (RuntimeException destroying) {
                failure.addSuppressed(destroying);
            }
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    public <T> java.util.Optional<T> findBean(Class<T> type) {
        return server.getApplicationContext().findBean(type);
    }

    /**
     * Waits until this node has applied every key and tenant change committed so far (its key cache
     * listener has caught up), so a test may write with SQL or another node and use the key at once.
     */
    public void awaitKeyChanges() {
        findBean(br.com.kycert.keys.KeyChangeListener.class).ifPresent(listener -> {
            if (!listener.awaitCaughtUp(java.time.Duration.ofSeconds(5))) {
                throw new AssertionError("the key change listener did not catch up within 5 s");
            }
        });
    }

    public Http http() {
        return new Http(baseUrl());
    }

    @Override
    public void close() {
        server.close();
    }
}
