package br.com.kycert.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Fixtures;
import br.com.kycert.support.RawSocket;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14: requests no well-behaved client sends, written on raw sockets. Every answer is a problem with the request
 * id and the API version, and no run is created from a body that is not exactly one UTF-8 JSON object.
 */
class EdgeCasesIT {

    static TestDatabase db;
    static TestServer server;
    static Fixtures fixtures;
    static Fixtures.Tenant tenant;
    static Fixtures.Key key;
    static RawSocket raw;
    static String auth;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        fixtures = new Fixtures(server, db);
        tenant = fixtures.tenant("Edges");
        key = fixtures.key(tenant, "runs:write", "runs:read");
        raw = new RawSocket(server.baseUrl());
        auth = "X-API-Key: " + key.secret();
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static void assertProblem(RawSocket.Response r, int status, String code) {
        assertThat(r.status()).as(r.statusLine() + " " + r.body()).isEqualTo(status);
        assertThat(r.statusLine()).startsWith("HTTP/1.1 ");
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.json().get("type").getStringValue()).isEqualTo("/problems/" + code);
        assertThat(r.json().get("status").getIntValue()).isEqualTo(status);
        assertThat(r.header("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("req_[0-9a-f]{32}"));
        assertThat(r.json().get("request_id").getStringValue())
                .isEqualTo(r.header("X-Request-Id").orElseThrow());
        assertThat(r.header("x-kycert-api-version")).hasValue("2026-12-01");
        assertThat(r.body()).doesNotContain("Exception", "io.netty", "io.micronaut", "br.com.kycert");
    }

    private static String body() {
        return Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
    }

    private static long runs() {
        return fixtures.count("select count(*) from runs");
    }

    // ---------------------------------------------------------------- item 2: trailing data

    @ParameterizedTest
    @ValueSource(strings = {" trailing", "{}", "}]", "}/* */", " // comment", "\n{\"a\":1}", ",", " null"})
    void dataAfterTheJsonBodyIs400AndCreatesNothing(String trailing) {
        long before = runs();
        var r = raw.json(
                "POST", "/api/v1/bureau/runs", List.of(auth), (body() + trailing).getBytes(StandardCharsets.UTF_8));
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("errors").get(0).get("code").getStringValue()).isEqualTo("trailing_data");
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void trailingWhitespaceIsFine() {
        var r = raw.json(
                "POST", "/api/v1/bureau/runs", List.of(auth), (body() + " \r\n\t ").getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void chunkedBodyFollowedByGarbageFramingIs400AndCreatesNothing() {
        long before = runs();
        byte[] json = body().getBytes(StandardCharsets.UTF_8);
        String request = "POST /api/v1/bureau/runs HTTP/1.1\r\nHost: localhost\r\n" + auth
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(json.length) + "\r\n" + body() + "\r\nZZZ not a chunk size\r\n\r\n";
        var r = raw.exchange(request.getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(r, 400, "invalid_request");
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void validChunkedBodyIsAccepted() {
        byte[] json = body().getBytes(StandardCharsets.UTF_8);
        int half = json.length / 2;
        String request = "POST /api/v1/bureau/runs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + auth
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half) + "\r\n" + body().substring(0, half) + "\r\n"
                + Integer.toHexString(json.length - half) + "\r\n" + body().substring(half) + "\r\n0\r\n\r\n";
        var r = raw.exchange(request.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    // ---------------------------------------------------------------- item 3: invalid Unicode

    @Test
    void loneSurrogateEscapeIs400InvalidEncodingNamingTheField() {
        long before = runs();
        String json = body().replace("Fulano de Tal", "Fulano \\ud800 de Tal");
        var r = raw.json("POST", "/api/v1/bureau/runs", List.of(auth), json.getBytes(StandardCharsets.UTF_8));
        assertProblem(r, 400, "invalid_encoding");
        assertThat(r.json().get("errors").get(0).get("field").getStringValue()).isEqualTo("subject.name");
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void surrogatePairEscapesAreFine() {
        String json = body().replace("Fulano de Tal", "Fulano \\ud83d\\ude00 de Tal");
        var r = raw.json("POST", "/api/v1/bureau/runs", List.of(auth), json.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("subject").get("name").getStringValue()).isEqualTo("Fulano \uD83D\uDE00 de Tal");
    }

    @Test
    void overlongUtf8Is400InvalidEncoding() {
        long before = runs();
        byte[] json = body().replace("Fulano de Tal", "Fulano @ de Tal").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : json) {
            if (b == '@') {
                out.write(0xC0);
                out.write(0xAF);
            } else {
                out.write(b);
            }
        }
        assertProblem(
                raw.json("POST", "/api/v1/bureau/runs", List.of(auth), out.toByteArray()), 400, "invalid_encoding");
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void encodedSurrogateUtf8Is400InvalidEncoding() {
        byte[] json = body().replace("Fulano de Tal", "Fulano @ de Tal").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : json) {
            if (b == '@') {
                out.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
            } else {
                out.write(b);
            }
        }
        assertProblem(
                raw.json("POST", "/api/v1/bureau/runs", List.of(auth), out.toByteArray()), 400, "invalid_encoding");
    }

    @Test
    void utf16BodiesAndByteOrderMarksAre400InvalidEncoding() {
        long before = runs();
        assertProblem(
                raw.json("POST", "/api/v1/bureau/runs", List.of(auth), body().getBytes(StandardCharsets.UTF_16LE)),
                400,
                "invalid_encoding");
        assertProblem(
                raw.json("POST", "/api/v1/bureau/runs", List.of(auth), body().getBytes(StandardCharsets.UTF_16)),
                400,
                "invalid_encoding");
        byte[] utf8 = body().getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        assertProblem(raw.json("POST", "/api/v1/bureau/runs", List.of(auth), bom), 400, "invalid_encoding");
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void theEncodingCheckComesAfterAuthentication() {
        var r = raw.json("POST", "/api/v1/bureau/runs", List.of(), body().getBytes(StandardCharsets.UTF_16LE));
        assertProblem(r, 401, "missing_api_key");
    }

    // ---------------------------------------------------------------- item 4: nothing echoed in full

    @Test
    void unknownRouteDetailMasksDocumentsAndIsBounded() {
        var r = raw.send("GET /api/v1/bureau/runs/900.000.001-75/analysis/x HTTP/1.1", List.of(auth), null);
        assertProblem(r, 404, "route_not_found");
        assertThat(r.body()).doesNotContain("900.000.001-75", "90000000175");
        var huge = raw.send("GET /api/v1/bureau/" + "a".repeat(4096) + " HTTP/1.1", List.of(auth), null);
        assertProblem(huge, 404, "route_not_found");
        assertThat(huge.body().length()).isLessThan(700);
    }

    @Test
    void unknownQueryParameterAndFieldNamesAreMasked() {
        var q = raw.send(
                "GET /api/v1/bureau/runs?cpf_90000000256=1&doc" + "x".repeat(300) + "=2 HTTP/1.1", List.of(auth), null);
        assertProblem(q, 400, "invalid_request");
        assertThat(q.body()).doesNotContain("90000000256").doesNotContain("x".repeat(60));
        String json = body().replace("\"external_id\"", "\"cpf_90000000256\": 1, \"external_id\"");
        var f = raw.json("POST", "/api/v1/bureau/runs", List.of(auth), json.getBytes(StandardCharsets.UTF_8));
        assertProblem(f, 400, "invalid_request");
        assertThat(f.body()).doesNotContain("90000000256");
    }

    // ---------------------------------------------------------------- item 5: before the API code

    @Test
    void headerBlockOverTheLimitIs431() {
        assertProblem(
                raw.send("GET /api/v1/bureau/runs HTTP/1.1", List.of(auth, "X-Padding: " + "x".repeat(9_000)), null),
                431,
                "headers_too_large");
    }

    @Test
    void requestLineOverTheLimitIs414() {
        assertProblem(
                raw.send("GET /api/v1/bureau/runs?external_id=" + "a".repeat(9_000) + " HTTP/1.1", List.of(auth), null),
                414,
                "uri_too_long");
    }

    @Test
    void controlCharacterInAHeaderIs400() {
        assertProblem(
                raw.send("GET /api/v1/bureau/runs HTTP/1.1", List.of(auth, "X-Note: a\u0001b"), null),
                400,
                "invalid_request");
    }

    @Test
    void spaceInThePathIs400() {
        assertProblem(raw.send("GET /api/v1/bureau/ru ns HTTP/1.1", List.of(auth), null), 400, "invalid_request");
    }

    // ---------------------------------------------------------------- item 7: compression

    @Test
    void onlyGzipOrDeflateAndAlwaysVary() {
        for (int i = 0; i < 5; i++) {
            fixtures.run(key, tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        }
        for (String offer : List.of("*", "snappy, br, zstd, *", "br;q=1, gzip;q=0.5", "gzip")) {
            var r = raw.send("GET /api/v1/bureau/runs HTTP/1.1", List.of(auth, "Accept-Encoding: " + offer), null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Encoding")).as(offer).hasValue("gzip");
            assertThat(r.headers("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        }
        var none =
                raw.send("GET /api/v1/bureau/runs HTTP/1.1", List.of(auth, "Accept-Encoding: snappy, br, zstd"), null);
        assertThat(none.header("Content-Encoding")).isEmpty();
        assertThat(none.headers("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        var deflate =
                raw.send("GET /api/v1/bureau/runs HTTP/1.1", List.of(auth, "Accept-Encoding: deflate, snappy"), null);
        assertThat(deflate.header("Content-Encoding")).hasValue("deflate");
    }

    @Test
    void theContractIsServedGzippedToClientsThatAcceptIt() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> plain = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi.yaml"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gzipped = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/openapi.yaml"))
                        .header("Accept-Encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzipped.headers().firstValue("Content-Type")).hasValue("application/yaml");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().allValues("Vary"))
                .anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        byte[] unpacked;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            unpacked = in.readAllBytes();
        }
        assertThat(unpacked).isEqualTo(plain.body());
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 3);
    }

    // ---------------------------------------------------------------- item 8: Origin policy

    @Test
    void foreignOriginsAreRefusedOnTheApiAsProblems() {
        assertProblem(
                raw.send("GET /api/v1/bureau/runs HTTP/1.1", List.of(auth, "Origin: https://evil.example"), null),
                403,
                "origin_not_allowed");
        var preflight = raw.send(
                "OPTIONS /api/v1/bureau/runs HTTP/1.1",
                List.of("Origin: https://evil.example", "Access-Control-Request-Method: POST"),
                null);
        assertProblem(preflight, 403, "origin_not_allowed");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEmpty();
        // Outside the API another site's form post is refused too (the dashboard answers it with its own 403 page).
        var post = raw.send(
                "POST /dashboard/sign-in HTTP/1.1",
                List.of(
                        "Origin: https://evil.example",
                        "Content-Type: application/x-www-form-urlencoded",
                        "Content-Length: 3"),
                "a=b".getBytes(StandardCharsets.US_ASCII));
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.header("X-Request-Id")).isPresent();
    }

    @Test
    void sameOriginAndNonApiReadsAreServed() {
        String self = "Origin: " + server.baseUrl();
        var api = raw.send("GET /api/v1/bureau/runs HTTP/1.1", List.of(auth, self), null);
        assertThat(api.status()).as(api.body()).isEqualTo(200);
        assertThat(api.header("Access-Control-Allow-Origin")).isEmpty();
        var health = raw.send("GET /health HTTP/1.1", List.of("Origin: https://evil.example"), null);
        assertThat(health.status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- item 10: methods and negotiation

    @ParameterizedTest
    @ValueSource(strings = {"OPTIONS", "PUT", "PATCH", "DELETE"})
    void methodsThePathDoesNotTakeAre405WithAllow(String method) {
        var r = raw.send(method + " /api/v1/bureau/runs HTTP/1.1", List.of(auth), null);
        assertProblem(r, 405, "method_not_allowed");
        assertThat(r.header("Allow"))
                .hasValueSatisfying(a -> assertThat(a).contains("GET").contains("POST"));
    }

    @Test
    void lowerCaseMethodsAreRefused() {
        var r = raw.send("get /api/v1/bureau/runs HTTP/1.1", List.of(auth), null);
        assertProblem(r, 405, "method_not_allowed");
        assertThat(r.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("GET"));
        assertThat(r.json().get("detail").getStringValue()).contains("send GET");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/*",
                "*/*",
                "application/json",
                "text/html;q=0.9, application/*;q=0.1",
                "application/json; charset=utf-8"
            })
    void acceptHeadersCoveringJsonAreServed(String accept) {
        var r = raw.send("GET /api/v1/bureau/runs HTTP/1.1", List.of(auth, "Accept: " + accept), null);
        assertThat(r.status()).as(accept + " " + r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json;q=0, text/html",
                "text/html",
                "application/xml",
                "*/*;q=0",
                "application/*;q=0",
                "application/json;q=0"
            })
    void acceptHeadersRefusingJsonAre406(String accept) {
        assertProblem(
                raw.send("GET /api/v1/bureau/runs HTTP/1.1", List.of(auth, "Accept: " + accept), null),
                406,
                "not_acceptable");
    }

    // ---------------------------------------------------------------- item 14: messages that say what to fix

    @Test
    void wrongCaseSubjectTypeListsTheValues() {
        String json =
                body().replace("\"type\":\"pf\"", "\"type\":\"PF\"").replace("\"type\": \"pf\"", "\"type\": \"PF\"");
        assertThat(json).contains("PF");
        var r = raw.json("POST", "/api/v1/bureau/runs", List.of(auth), json.getBytes(StandardCharsets.UTF_8));
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("detail").getStringValue()).contains("pf, pj");
    }

    @Test
    void idempotencyKeyWithSpacesSaysNoSpaces() {
        var r = raw.json(
                "POST",
                "/api/v1/bureau/runs",
                List.of(auth, "Idempotency-Key: my key"),
                body().getBytes(StandardCharsets.UTF_8));
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("detail").getStringValue()).contains("no spaces");
    }

    @Test
    void rootPointsToTheDocs() {
        var r = raw.send("GET / HTTP/1.1", List.of(), null);
        assertProblem(r, 404, "route_not_found");
        assertThat(r.json().get("detail").getStringValue()).contains("/docs");
    }
}
