package br.com.kycert.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that answers with scripted responses, in order, and records
 * every request it receives.
 */
final class FakeKycertServer implements AutoCloseable {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";

    /** One scripted answer. */
    record Reply(int status, Map<String, String> headers, String body, Duration delay, boolean dropConnection) {

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", JSON), body, Duration.ZERO, false);
        }

        static Reply problem(int status, String body) {
            return new Reply(status, Map.of("Content-Type", PROBLEM_JSON), body, Duration.ZERO, false);
        }

        static Reply raw(int status, String contentType, String body) {
            return new Reply(status, Map.of("Content-Type", contentType), body, Duration.ZERO, false);
        }

        static Reply drop() {
            return new Reply(0, Map.of(), null, Duration.ZERO, true);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, body, delay, dropConnection);
        }

        Reply after(Duration delay) {
            return new Reply(status, headers, body, delay, dropConnection);
        }
    }

    /** One received request. */
    record Received(
            String method, String path, Map<String, String> query, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : values.get(0);
        }

        List<String> headerValues(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FakeKycertServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeKycertServer enqueue(Reply... replies) {
        Collections.addAll(script, replies);
        return this;
    }

    List<Received> requests() {
        return new ArrayList<>(received);
    }

    Received onlyRequest() {
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + received.size());
        }
        return received.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    query(exchange.getRequestURI().getRawQuery()),
                    headers,
                    new String(body, StandardCharsets.UTF_8)));

            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.raw(599, "text/plain", "FakeKycertServer: no scripted reply left");
            }
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (reply.dropConnection()) {
                // Close without an HTTP response: the client sees an IOException.
                return;
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } finally {
            exchange.close();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
