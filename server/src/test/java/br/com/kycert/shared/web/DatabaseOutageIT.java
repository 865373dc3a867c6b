package br.com.kycert.shared.web;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Await;
import br.com.kycert.support.CuttableProxy;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 6: the server reaches PostgreSQL through a proxy the test cuts and restores (the shared cluster is
 * never stopped). While the database is away every operation answers 503 service_unavailable with Retry-After, never
 * 500 (nor 401: a key that cannot be looked up is not an invalid key); once it is back, the same requests succeed
 * without a restart.
 */
class DatabaseOutageIT {

    static TestDatabase db;
    static CuttableProxy proxy;
    static TestServer server;
    static Http http;
    static Fixtures fixtures;
    static Fixtures.Tenant tenant;
    static Fixtures.Key key;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create();
        Matcher m =
                Pattern.compile("^jdbc:postgresql://([^:/]+)(?::(\\d+))?/(.*)$").matcher(db.url());
        assertThat(m.matches()).as(db.url()).isTrue();
        proxy = new CuttableProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
        server = TestServer.start(
                db,
                Map.of(
                        "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3),
                        "datasources.default.connection-timeout", 1500,
                        "datasources.default.validation-timeout", 1000));
        http = server.http();
        fixtures = new Fixtures(server, db);
        tenant = fixtures.tenant("Outage");
        key = fixtures.key(tenant, "runs:write", "runs:read");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        proxy.close();
        db.close();
    }

    @Test
    void outageIs503WithRetryAfterAndTheServerRecoversByItself() throws Exception {
        var run = fixtures.run(key, tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR);
        assertThat(http.get("/api/v1/bureau/runs", "X-API-Key", key.secret()).status())
                .isEqualTo(200);

        proxy.cut();
        try {
            for (String path : new String[] {
                "/api/v1/bureau/runs", "/api/v1/bureau/runs/" + run, "/api/v1/bureau/runs/" + run + "/analysis"
            }) {
                var r = http.get(path, "X-API-Key", key.secret());
                assertProblem(r, 503, "service_unavailable");
                assertThat(r.header("Retry-After"))
                        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
            }
            var create = http.post(
                    "/api/v1/bureau/runs",
                    Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                    "X-API-Key",
                    key.secret());
            assertProblem(create, 503, "service_unavailable");
            assertThat(create.header("Retry-After")).isPresent();

            // Readiness follows the background check (about a second behind); liveness does no I/O.
            Http.Response health = Await.until(
                    "GET /health answers 503",
                    Duration.ofSeconds(15),
                    () -> http.get("/health"),
                    r -> r.status() == 503);
            assertProblem(health, 503, "service_unavailable");
            assertThat(health.header("Retry-After")).hasValue("1");
            Http.Response liveness = http.get("/health/liveness");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.json().get("status").getStringValue()).isEqualTo("up");
        } finally {
            proxy.restore();
        }

        long deadline = System.nanoTime() + 30_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = http.get("/api/v1/bureau/runs", "X-API-Key", key.secret()).status();
            if (status == 200) {
                break;
            }
            assertThat(status).isEqualTo(503);
            Thread.sleep(250);
        }
        assertThat(status).as("the server recovers without a restart").isEqualTo(200);
        Await.until(
                "GET /health answers 200 again",
                Duration.ofSeconds(15),
                () -> http.get("/health"),
                r -> r.status() == 200);
        assertThat(http.post(
                                "/api/v1/bureau/runs",
                                Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                                "X-API-Key",
                                key.secret())
                        .status())
                .isEqualTo(201);
    }
}
