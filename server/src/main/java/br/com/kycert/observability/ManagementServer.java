package br.com.kycert.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port: {@code GET /metrics} in the Prometheus text format, on a port of its own
 * ({@link ManagementConfiguration}, default 8081), never on the public one. It is a plain JDK HTTP server with one
 * thread: none of the API's filters, security or event loop is involved, so a scrape costs the API nothing but the
 * time to format the registry. Started with the API server (not by the CLI); keep the port off the public network.
 */
@Singleton
@Requires(property = "kycert.management.enabled", notEquals = "false")
public final class ManagementServer implements ApplicationEventListener<ServerStartupEvent> {

    /** The scrape path. */
    public static final String METRICS_PATH = "/metrics";

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final String host;
    private final int port;
    private HttpServer server;
    private ExecutorService thread;

    ManagementServer(PrometheusMeterRegistry registry, ManagementConfiguration config) {
        this.registry = registry;
        this.host = config.host();
        this.port = config.port();
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (server != null) {
            return;
        }
        if (port != 0 && port == event.getSource().getPort()) {
            throw new ConfigurationException(samePortAsTheApi(port));
        }
        try {
            InetSocketAddress address =
                    host == null || host.isBlank() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the management port " + port, e);
        }
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kycert-management");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("Management port {}: Prometheus metrics at {}", port(), METRICS_PATH);
    }

    static String samePortAsTheApi(int port) {
        return ManagementConfiguration.PREFIX + ".port (KYCERT_MANAGEMENT_PORT) must not be the public port " + port
                + ": metrics are never served to API clients";
    }

    /** The port the management server listens on (the real one when configured as 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the management server is not started");
        }
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(METRICS_PATH)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found: the management port serves /metrics.\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed: GET /metrics.\n");
            } else {
                send(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            thread.shutdownNow();
            server = null;
        }
    }
}
