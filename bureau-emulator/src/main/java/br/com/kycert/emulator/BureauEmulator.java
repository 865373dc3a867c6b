package br.com.kycert.emulator;

import br.com.kycert.fixtures.Scenarios;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server that speaks the bureau source protocol (openapi/bureau-protocol.yaml) with the
 * sandbox's scenarios, for tests and for running kycert in live mode locally. Behaviour can be
 * changed at run time through {@code /__admin}: latency, error statuses, failures for the next N
 * calls. Binds to the loopback address only.
 *
 * <pre>java -jar bureau-emulator/target/kycert-bureau-emulator.jar [--port 9090] [--credential SECRET]</pre>
 */
public final class BureauEmulator implements AutoCloseable {

    /** A temporary behaviour of one source ({@code *} for all): answer {@code status} and/or wait {@code latencyMs}. */
    record Behaviour(int status, long latencyMs, AtomicInteger remaining) {}

    private static final long NO_ANSWER_MS = 60_000;

    private final HttpServer server;
    private final String credential;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private BureauEmulator(HttpServer server, String credential) {
        this.server = server;
        this.credential = credential;
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port). A null credential accepts any bearer token. */
    public static BureauEmulator start(int port, String credential) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            BureauEmulator emulator = new BureauEmulator(server, credential);
            server.createContext("/sources/", emulator::query);
            server.createContext("/__admin/", emulator::admin);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "bureau-emulator");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the bureau emulator: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Makes the next {@code times} calls to {@code source} (or {@code *}) answer {@code status} after {@code latencyMs}. */
    public void behave(String source, int status, long latencyMs, int times) {
        behaviours.put(source, new Behaviour(status, latencyMs, new AtomicInteger(times)));
    }

    public void reset() {
        behaviours.clear();
        calls.clear();
    }

    /** How many queries a source received. */
    public int calls(String source) {
        return calls.getOrDefault(source, new AtomicInteger()).get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void query(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            if (parts.length != 4 || !parts[3].equals("query")) {
                send(exchange, 404, Map.of("error", "not_found", "message", "POST /sources/{source}/query"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, Map.of("error", "method_not_allowed", "message", "use POST"));
                return;
            }
            String source = parts[2];
            calls.computeIfAbsent(source, s -> new AtomicInteger()).incrementAndGet();
            if (credential != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, Map.of("error", "unauthorized", "message", "bad or missing credential"));
                return;
            }
            Optional<Behaviour> behaviour = take(source).or(() -> take("*"));
            if (behaviour.isPresent() && behaviour.get().latencyMs() > 0) {
                sleep(behaviour.get().latencyMs());
            }
            if (behaviour.isPresent() && behaviour.get().status() != 200) {
                send(exchange, behaviour.get().status(), Map.of("error", "emulated", "message", "emulated failure"));
                return;
            }
            Map<?, ?> request;
            Map<?, ?> subject;
            try {
                request = (Map<?, ?>)
                        Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                subject = (Map<?, ?>) request.get("subject");
                if (subject == null || !(subject.get("document") instanceof String)) {
                    throw new IllegalArgumentException("subject.document is required");
                }
            } catch (RuntimeException e) {
                send(
                        exchange,
                        400,
                        Map.of("error", "bad_request", "message", "body must be {subject: {type, document, name}}"));
                return;
            }
            String name = subject.get("name") instanceof String n ? n : "";
            Optional<Scenarios.Answer> answer = Scenarios.answer(source, (String) subject.get("document"), name);
            if (answer.isEmpty()) {
                send(exchange, 404, Map.of("error", "unknown_source", "message", "no such source"));
                return;
            }
            Scenarios.Answer result = answer.get();
            if (result instanceof Scenarios.Payload p) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("source", source);
                body.put("request_id", request.get("request_id"));
                body.put("result", p.raw());
                send(exchange, 200, body);
            } else if (result instanceof Scenarios.Unavailable u) {
                send(exchange, 503, Map.of("error", "unavailable", "message", u.why()));
            } else {
                sleep(NO_ANSWER_MS);
                send(exchange, 504, Map.of("error", "timeout", "message", "no answer"));
            }
        }
    }

    private Optional<Behaviour> take(String key) {
        Behaviour b = behaviours.get(key);
        if (b == null) {
            return Optional.empty();
        }
        int left = b.remaining().getAndDecrement();
        if (left == 0) {
            behaviours.remove(key, b);
            return Optional.empty();
        }
        return Optional.of(b);
    }

    private boolean authorized(String header) {
        String expected = "Bearer " + credential;
        return header != null
                && MessageDigest.isEqual(
                        header.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** POST /__admin/behaviour {source, status, latency_ms, times}; POST /__admin/reset; GET /__admin/calls. */
    private void admin(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/__admin/behaviour" -> {
                    Map<?, ?> body = (Map<?, ?>)
                            Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    behave(
                            String.valueOf(body.containsKey("source") ? body.get("source") : "*"),
                            number(body.get("status"), 200),
                            number(body.get("latency_ms"), 0),
                            number(body.get("times"), -1));
                    send(exchange, 200, Map.of("ok", true));
                }
                case "/__admin/reset" -> {
                    reset();
                    send(exchange, 200, Map.of("ok", true));
                }
                case "/__admin/calls" -> {
                    Map<String, Object> counts = new LinkedHashMap<>();
                    calls.forEach((k, v) -> counts.put(k, v.get()));
                    send(exchange, 200, counts);
                }
                default -> send(exchange, 404, Map.of("error", "not_found"));
            }
        } catch (RuntimeException e) {
            send(exchange, 400, Map.of("error", "bad_request", "message", String.valueOf(e.getMessage())));
        }
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }

    private static void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 9090;
        String credential = System.getenv("KYCERT_EMULATOR_CREDENTIAL");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--credential" -> credential = args[++i];
                default -> {
                    System.err.println(
                            "usage: java -jar kycert-bureau-emulator.jar [--port 9090] [--credential SECRET]");
                    System.exit(2);
                }
            }
        }
        BureauEmulator emulator = start(port, credential);
        System.err.println(
                "kycert bureau emulator on " + emulator.baseUrl() + " (sources under /sources/{source}/query)");
        Thread.currentThread().join();
    }
}
