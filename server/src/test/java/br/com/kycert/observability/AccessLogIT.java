package br.com.kycert.observability;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Await;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.LogCapture;
import br.com.kycert.support.RawSocket;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access log in the JSON format, through real HTTP: every request is one JSON line on {@code kycert.access} with
 * its request id (the one the client got), method, route template, status, problem code, duration, and the tenant
 * and key id of an API key caller. Keys and documents sent in the path, the query, a header, the body or even the
 * method appear in no field of any line logged meanwhile (captured at DEBUG, more than production writes).
 */
class AccessLogIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fixtures;
    static Fixtures.Tenant tenant;
    static Fixtures.Key key;
    static Fixtures.Key revoked;
    static UUID run;

    /** What each request of the traffic must leave in the access log, by the request id the client was given. */
    record Expected(String method, String route, int status, String code, boolean caller) {}

    static final Map<String, Expected> expected = new LinkedHashMap<>();
    static final List<JsonNode> lines = new ArrayList<>();
    static final List<String> raw = new ArrayList<>();

    static final String CPF_DIGITS = Fixtures.CPF_CLEAR.replaceAll("\\D", "");
    static final String CNPJ_PLAIN = Fixtures.CNPJ_CLEAR.replaceAll("[./-]", "");

    @BeforeAll
    static void trafficWithTheJsonFormat() throws Exception {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fixtures = new Fixtures(server, db);
        tenant = fixtures.tenant("Access log");
        key = fixtures.key(tenant, "runs:write", "runs:read");
        revoked = fixtures.key(tenant, "runs:read");
        fixtures.revoke(revoked);
        RawSocket socket = new RawSocket(server.baseUrl());

        try (LogCapture capture = LogCapture.json()) {
            Http.Response created = http.post(
                    "/api/v1/bureau/runs",
                    Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                    "X-API-Key",
                    key.secret());
            expect(created, "POST", "/api/v1/bureau/runs", 201, "none", true);
            run = UUID.fromString(created.json().get("id").getStringValue());
            expect(
                    http.post(
                            "/api/v1/bureau/runs",
                            Fixtures.createBody(tenant.pjTemplate(), "pj", Fixtures.CNPJ_CLEAR),
                            "X-API-Key",
                            key.secret()),
                    "POST",
                    "/api/v1/bureau/runs",
                    201,
                    "none",
                    true);
            expect(
                    http.get("/api/v1/bureau/runs/" + run, "X-API-Key", key.secret()),
                    "GET",
                    "/api/v1/bureau/runs/{id}",
                    200,
                    "none",
                    true);
            expect(
                    http.get("/api/v1/bureau/runs?external_id=" + Fixtures.CPF_CLEAR, "X-API-Key", key.secret()),
                    "GET",
                    "/api/v1/bureau/runs",
                    200,
                    "none",
                    true);
            expect(
                    http.get(
                            "/api/v1/bureau/runs?cpf_" + CPF_DIGITS + "=1&api_key=" + revoked.secret(),
                            "X-API-Key",
                            key.secret()),
                    "GET",
                    "/api/v1/bureau/runs",
                    400,
                    "invalid_request",
                    true);
            expect(
                    http.get("/api/v1/bureau/runs/" + CPF_DIGITS, "X-API-Key", key.secret()),
                    "GET",
                    "/api/v1/bureau/runs/{id}",
                    400,
                    "invalid_request",
                    true);
            expect(
                    http.get("/api/v1/bureau/runs/" + Fixtures.CPF_CLEAR + "/analysis/x", "X-API-Key", key.secret()),
                    "GET",
                    RequestTelemetryFilter.NO_ROUTE,
                    404,
                    "route_not_found",
                    true);
            expect(
                    http.get("/api/v1/bureau/runs", "X-API-Key", revoked.secret()),
                    "GET",
                    "/api/v1/bureau/runs",
                    401,
                    "invalid_api_key",
                    false);
            RawSocket.Response numericMethod = socket.send(
                    CPF_DIGITS + " /api/v1/bureau/runs HTTP/1.1", List.of("X-API-Key: " + key.secret()), null);
            expected.put(
                    numericMethod.header("X-Request-Id").orElseThrow(),
                    new Expected("[document]", RequestTelemetryFilter.NO_ROUTE, 405, "method_not_allowed", true));

            // The access event is written when the response is, which a client may read first.
            Await.until(
                    "an access line for each of " + expected.size() + " requests",
                    Duration.ofSeconds(15),
                    () -> expected.keySet().stream()
                            .allMatch(id -> capture.lines().stream().anyMatch(l -> l.contains(id))));
            raw.addAll(capture.lines());
        }
        for (String line : raw) {
            assertThat(line).as("one event, one line").endsWith("\n").doesNotContain("\r");
            assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
            try {
                lines.add(ObjectMapper.getDefault().readValue(line, JsonNode.class));
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("not one JSON object: " + line, e);
            }
        }
    }

    static void expect(Http.Response r, String method, String route, int status, String code, boolean caller) {
        assertThat(r.status()).as(method + " " + route + ": " + r.body()).isEqualTo(status);
        expected.put(r.header("X-Request-Id").orElseThrow(), new Expected(method, route, status, code, caller));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static List<JsonNode> access() {
        return lines.stream()
                .filter(l -> l.get("logger").getStringValue().equals(AccessLog.LOGGER))
                .toList();
    }

    @Test
    void eachRequestIsOneAccessLineWithItsRequestIdRouteStatusCodeAndDuration() {
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            String id = e.getKey();
            Expected want = e.getValue();
            List<JsonNode> mine = access().stream()
                    .filter(l -> l.get("request_id").getStringValue().equals(id))
                    .toList();
            assertThat(mine).as(want + " " + id).hasSize(1);
            JsonNode line = mine.get(0);
            assertThat(line.get("level").getStringValue()).isEqualTo("INFO");
            assertThat(line.get("method").getStringValue()).as(id).isEqualTo(want.method());
            assertThat(line.get("route").getStringValue()).as(id).isEqualTo(want.route());
            assertThat(line.get("status").getIntValue()).as(id).isEqualTo(want.status());
            assertThat(line.get("code").getStringValue()).as(id).isEqualTo(want.code());
            assertThat(line.get("duration_ms").isNumber()).as(id).isTrue();
            assertThat(line.get("duration_ms").getDoubleValue()).as(id).isGreaterThanOrEqualTo(0);
            assertThat(line.get("message").getStringValue()).as(id).startsWith(id + " ");
        }
    }

    @Test
    void anApiKeyCallerIsLoggedByTenantAndKeyIdAndARefusedOneByNeither() {
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            JsonNode line = access().stream()
                    .filter(l -> l.get("request_id").getStringValue().equals(e.getKey()))
                    .findFirst()
                    .orElseThrow();
            if (e.getValue().caller()) {
                assertThat(line.get("tenant_id").getStringValue())
                        .as(e.getValue().toString())
                        .isEqualTo(tenant.id().toString());
                assertThat(line.get("key_id").getStringValue())
                        .isEqualTo(key.id().toString());
            } else {
                assertThat(line.get("tenant_id").isNull())
                        .as(e.getValue().toString())
                        .isTrue();
                assertThat(line.get("key_id").isNull())
                        .as(e.getValue().toString())
                        .isTrue();
            }
        }
        // A 401 has no caller: the refused key is not logged as one.
        assertThat(access())
                .noneMatch(l -> l.get("key_id").isString()
                        && l.get("key_id").getStringValue().equals(revoked.id().toString()));
    }

    @Test
    void noKeyAndNoFullDocumentAppearsInAnyFieldOfAnyLine() {
        assertThat(raw).isNotEmpty();
        List<String> secrets = List.of(
                key.secret(),
                key.secret().substring("sk_test_".length()),
                revoked.secret(),
                revoked.secret().substring("sk_test_".length()),
                Fixtures.CPF_CLEAR,
                CPF_DIGITS,
                Fixtures.CNPJ_CLEAR,
                CNPJ_PLAIN);
        for (String line : raw) {
            for (String secret : secrets) {
                assertThat(line).as("a log line").doesNotContain(secret);
            }
        }
        // What the path held is not logged at all: the route is the template.
        assertThat(access()).noneMatch(l -> l.get("route").getStringValue().contains("analysis"));
    }
}
