package br.com.kycert.contract.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny reverse proxy on 127.0.0.1 that the SDK is pointed at: it forwards each request to the server unchanged
 * and records the exchange exactly as the SDK sent and received it, so SDK traffic is validated like any other.
 */
public final class RecordingProxy implements AutoCloseable {

    /** Connection-level headers, and those java.net.http sets itself; never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "http2-settings",
            "host",
            "content-length",
            "expect");

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String target;
    private final String name;
    private final ContractRecorder recorder;

    private RecordingProxy(String target, String name, ContractRecorder recorder) throws IOException {
        this.target = target;
        this.name = name;
        this.recorder = recorder;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "contract-recording-proxy");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    /** A proxy to {@code target} whose exchanges are recorded as answered by the server {@code name}. */
    public static RecordingProxy start(String target, String name, ContractRecorder recorder) {
        try {
            return new RecordingProxy(target, name, recorder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the recording proxy", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            URI incoming = exchange.getRequestURI();
            URI uri = URI.create(target
                    + incoming.getRawPath()
                    + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery()));
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> requestHeaders = new LinkedHashMap<>(exchange.getRequestHeaders());

            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(20))
                    .method(
                            method,
                            requestBody.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            requestHeaders.forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            byte[] body = response.body();
            // Recorded before the SDK gets its answer, so a test can inspect it as soon as the call returns.
            recorder.record(
                    "sdk",
                    name,
                    method,
                    uri.getRawPath(),
                    uri.getRawQuery(),
                    requestHeaders,
                    requestBody.length == 0 ? null : new String(requestBody, StandardCharsets.UTF_8),
                    response.statusCode(),
                    response.headers().map(),
                    new String(body, StandardCharsets.UTF_8));
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
