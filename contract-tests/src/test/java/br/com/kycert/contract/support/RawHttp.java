package br.com.kycert.contract.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plain HTTP/1.1 client whose every request and response is recorded and validated against the spec. */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String server;
    private final ContractRecorder recorder;

    /** A client of the server at {@code base}, recorded under the name {@code server}. */
    public RawHttp(String base, String server, ContractRecorder recorder) {
        this.base = base;
        this.server = server;
        this.recorder = recorder;
    }

    /** A response as a client sees it, with the recorded exchange. */
    public record Response(int status, Map<String, List<String>> headers, String body, Exchange exchange) {

        public Optional<String> header(String name) {
            return exchange.responseHeader(name);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        public String code() {
            return json().path("code").asText(null);
        }
    }

    public Response get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, null, headers);
    }

    /** POSTs a JSON body (Content-Type application/json unless a header overrides it). */
    public Response post(String path, String json, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        boolean hasContentType = false;
        for (int i = 0; i < all.size(); i += 2) {
            hasContentType |= all.get(i).equalsIgnoreCase("Content-Type");
        }
        if (json != null && !hasContentType) {
            all.add("Content-Type");
            all.add("application/json");
        }
        return send("POST", path, json, all.toArray(String[]::new));
    }

    public Response send(String method, String pathAndQuery, String body, String... headers) {
        URI uri = URI.create(base + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        Map<String, List<String>> sent = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            sent.computeIfAbsent(headers[i], k -> new ArrayList<>()).add(headers[i + 1]);
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + method + " " + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + method + " " + pathAndQuery, e);
        }
        Exchange exchange = recorder.record(
                "http",
                server,
                method,
                uri.getRawPath(),
                uri.getRawQuery(),
                sent,
                body,
                response.statusCode(),
                response.headers().map(),
                response.body());
        return new Response(response.statusCode(), response.headers().map(), response.body(), exchange);
    }
}
