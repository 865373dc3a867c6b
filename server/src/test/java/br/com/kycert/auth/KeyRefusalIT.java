package br.com.kycert.auth;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.keys.ApiKeyFormat;
import br.com.kycert.keys.KeyRefusal;
import br.com.kycert.shared.Environment;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Why a key was refused reaches the audit trail (or, with no key to name, only the refusal metric)
 * and never the client: every refusal but a missing key and a conflict answers the same 401 body. Duplicate headers are sent over a raw socket, so
 * exactly the header lines written here reach the server.
 */
class KeyRefusalIT {

    static final String RUNS = "/api/v1/bureau/runs";
    static final String SAME_FOR_EVERY_KEY = "The API key is malformed, revoked, inactive, expired or does not exist.";

    static TestDatabase db;
    static TestServer server;
    static Fixtures fx;
    static Http http;
    static Fixtures.Key good;
    static Fixtures.Key other;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        fx = new Fixtures(server, db);
        http = server.http();
        Fixtures.Tenant tenant = fx.tenant("Refusals");
        good = fx.key(tenant, "runs:read");
        other = fx.key(tenant, "runs:read");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void twoDifferentKeysInAnyCombinationOfHeadersAre401SayingSo() throws Exception {
        double before = refusals(KeyRefusal.CONFLICTING_KEYS);
        Map<String, String[]> combinations = new LinkedHashMap<>();
        combinations.put("two X-API-Key", new String[] {"X-API-Key: " + good.secret(), "X-API-Key: " + other.secret()});
        combinations.put(
                "two Bearer",
                new String[] {"Authorization: Bearer " + good.secret(), "Authorization: Bearer " + other.secret()});
        combinations.put(
                "one of each", new String[] {"X-API-Key: " + good.secret(), "Authorization: Bearer " + other.secret()});
        for (var combination : combinations.entrySet()) {
            Raw r = raw(combination.getValue());
            assertThat(r.status()).as(combination.getKey()).isEqualTo(401);
            assertThat(r.body())
                    .as(combination.getKey())
                    .contains("\"code\":\"invalid_api_key\"")
                    .contains("Two different API keys were sent")
                    .doesNotContain(good.secret())
                    .doesNotContain(other.secret());
            assertThat(r.head())
                    .as(combination.getKey())
                    .containsIgnoringCase("WWW-Authenticate: Bearer realm=\"kycert\"");
            assertNotAudited(r.requestId());
        }
        assertThat(refusals(KeyRefusal.CONFLICTING_KEYS) - before).isEqualTo(3);
    }

    @Test
    void theSameKeyRepeatedInAnyCombinationIsAccepted() throws Exception {
        assertThat(raw("X-API-Key: " + good.secret(), "X-API-Key: " + good.secret())
                        .status())
                .isEqualTo(200);
        assertThat(raw("Authorization: Bearer " + good.secret(), "Authorization: Bearer " + good.secret())
                        .status())
                .isEqualTo(200);
        assertThat(raw("X-API-Key: " + good.secret(), "Authorization: bearer " + good.secret())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void everyOtherRefusalLooksTheSameToTheClientAndIsToldApartInTheAudit() throws Exception {
        Fixtures.Tenant tenant = fx.tenant("Refusal reasons");
        Fixtures.Key revoked = fx.key(tenant, "runs:read");
        fx.revoke(revoked);
        Fixtures.Key expired = fx.key(tenant, "runs:read");
        fx.expire(expired);
        Fixtures.Key inactive = fx.key(tenant, "runs:read");
        fx.sql("update api_keys set status = 'inactive' where id = ?", inactive.id());
        String mistyped = good.secret().substring(0, 20)
                + (good.secret().charAt(20) == 'a' ? 'b' : 'a')
                + good.secret().substring(21);

        Map<String, Http.Response> refused = new LinkedHashMap<>();
        refused.put("malformed", http.get(RUNS, "X-API-Key", mistyped));
        refused.put("unknown", http.get(RUNS, "X-API-Key", ApiKeyFormat.generate(Environment.SANDBOX)));
        refused.put("revoked", http.get(RUNS, "X-API-Key", revoked.secret()));
        refused.put("expired", http.get(RUNS, "Authorization", "Bearer " + expired.secret()));
        refused.put("inactive", http.get(RUNS, "X-API-Key", inactive.secret()));
        for (var r : refused.entrySet()) {
            assertProblem(r.getValue(), 401, "invalid_api_key");
            assertThat(r.getValue().json().get("detail").getStringValue())
                    .as(r.getKey())
                    .isEqualTo(SAME_FOR_EVERY_KEY);
            assertThat(r.getValue().body().replaceAll("req_[0-9a-f]{32}", "req_"))
                    .as(r.getKey())
                    .isEqualTo(refused.get("malformed").body().replaceAll("req_[0-9a-f]{32}", "req_"));
        }
        Http.Response missing = http.get(RUNS);
        assertProblem(missing, 401, "missing_api_key");

        assertRefusalAudited(requestId(refused.get("unknown")), "unknown", null);
        assertRefusalAudited(requestId(refused.get("revoked")), "revoked", revoked);
        assertRefusalAudited(requestId(refused.get("expired")), "expired", expired);
        assertRefusalAudited(requestId(refused.get("inactive")), "inactive", inactive);
        // No key to name: counted (kycert.auth.refusals), not audited.
        assertNotAudited(requestId(refused.get("malformed")));
        assertNotAudited(requestId(missing));
        assertThat(refusals(KeyRefusal.MALFORMED)).isPositive();
        assertThat(refusals(KeyRefusal.MISSING)).isPositive();
        // Accepted requests keep their own action and carry no refusal.
        Http.Response ok = http.get(RUNS, "X-API-Key", good.secret());
        assertThat(ok.status()).isEqualTo(200);
        Row row = auditRow(requestId(ok));
        assertThat(row.action()).isEqualTo("api.request");
        assertThat(row.refusal()).isNull();
    }

    @Test
    void aRefusedKeyOnAnOpenRouteIsNeitherRefusedNorAudited() throws Exception {
        Http.Response health = http.get("/health", "X-API-Key", "sk_test_not_a_key");
        assertThat(health.status()).isEqualTo(200);
        Thread.sleep(1_500);
        assertThat(fx.count("select count(*) from audit_log where route = '/health'"))
                .isZero();
    }

    private static String requestId(Http.Response r) {
        return r.header("X-Request-Id").orElseThrow();
    }

    record Row(String action, String actor, String keyId, String tenantId, int status, String route, String refusal) {}

    private static void assertRefusalAudited(String requestId, String reason, Fixtures.Key key) throws Exception {
        Row row = auditRow(requestId);
        assertThat(row.action()).as(reason).isEqualTo("api.request.refused");
        assertThat(row.refusal()).as(reason).isEqualTo(reason);
        assertThat(row.status()).as(reason).isEqualTo(401);
        assertThat(row.route()).as(reason).isEqualTo(RUNS);
        if (key == null) {
            assertThat(row.keyId()).as(reason).isNull();
            assertThat(row.tenantId()).as(reason).isNull();
            assertThat(row.actor()).as(reason).isEqualTo("anonymous");
        } else {
            assertThat(row.keyId()).as(reason).isEqualTo(key.id().toString());
            assertThat(row.tenantId()).as(reason).isNotNull();
            assertThat(row.actor()).as(reason).isEqualTo("api_key:" + key.id());
        }
    }

    @Test
    void rejectionsAreAnsweredByTheRefusingSecurityFilter() {
        // It renders 401/403 itself instead of raising an AuthorizationException (a stack trace per refusal).
        assertThat(server.bean(io.micronaut.security.filters.SecurityFilter.class))
                .isInstanceOf(RefusingSecurityFilter.class);
    }

    /** Requests refused for this reason since the server started ({@code kycert.auth.refusals}). */
    private static double refusals(KeyRefusal reason) {
        return server.bean(MeterRegistry.class)
                .get("kycert.auth.refusals")
                .tag("reason", reason.value())
                .counter()
                .count();
    }

    /**
     * The request left no audit row: an accepted request made after it is audited (the auditor flushes
     * its whole queue at once), and by then there is still none for this one.
     */
    private static void assertNotAudited(String requestId) throws Exception {
        Http.Response later = http.get(RUNS, "X-API-Key", good.secret());
        assertThat(later.status()).isEqualTo(200);
        auditRow(requestId(later));
        assertThat(fx.count("select count(*) from audit_log where request_id = ?", requestId))
                .as("audit rows of " + requestId)
                .isZero();
    }

    /** The audit row of a request; the auditor flushes in the background, so wait (boundedly) for it. */
    private static Row auditRow(String requestId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            try (var c = db.connect();
                    var s = c.prepareStatement("select action, actor, key_id, tenant_id, status, route,"
                            + " details->>'refusal' as refusal from audit_log where request_id = ?")) {
                s.setString(1, requestId);
                try (ResultSet rows = s.executeQuery()) {
                    if (rows.next()) {
                        Row row = new Row(
                                rows.getString("action"),
                                rows.getString("actor"),
                                rows.getString("key_id"),
                                rows.getString("tenant_id"),
                                rows.getInt("status"),
                                rows.getString("route"),
                                rows.getString("refusal"));
                        assertThat(rows.next()).as("one audit row per request").isFalse();
                        return row;
                    }
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no audit row for request " + requestId + " within 10 s");
            }
            Thread.sleep(50);
        }
    }

    record Raw(int status, String head, String body) {
        String requestId() {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "X-Request-Id:", 0, 13)) {
                    return line.substring(13).strip();
                }
            }
            throw new AssertionError("no X-Request-Id in " + head);
        }
    }

    /** A GET of the runs list with exactly these header lines, over a plain socket. */
    private static Raw raw(String... headerLines) throws IOException {
        URI base = URI.create(server.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder("GET " + RUNS + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Raw(status, head, response.substring(split + 4));
        }
    }
}
