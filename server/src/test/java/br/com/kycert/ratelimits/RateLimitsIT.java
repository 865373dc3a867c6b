package br.com.kycert.ratelimits;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.shared.Environment;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rate limits on one node, over real HTTP: headers, 429, per-key and tenant-wide quotas, defaults per environment. */
class RateLimitsIT {

    static final Pattern ITEM = Pattern.compile("\"(key|tenant)\";r=(\\d+);t=(\\d+)");

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fx;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.startWithDefaultRateLimits(db);
        http = server.http();
        fx = new Fixtures(server, db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void aDefaultLimitOutOfRangeStopsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> TestServer.start(db, Map.of("kycert.rate-limits.sandbox.per-key", 100_001)))
                .hasStackTraceContaining(
                        "kycert.rate-limits.sandbox.per-key must be 1 to 100000 requests per second, not 100001");
        assertThatThrownBy(() -> TestServer.start(db, Map.of("kycert.rate-limits.live.per-tenant", 0)))
                .hasStackTraceContaining("kycert.rate-limits.live.per-tenant must be 1 to 100000");
        assertThatThrownBy(() -> TestServer.start(
                        db, Map.of("kycert.rate-limits.heartbeat-interval", "5s", "kycert.rate-limits.node-ttl", "5s")))
                .hasStackTraceContaining("kycert.rate-limits.node-ttl (PT5S) must be longer than");
    }

    @Test
    void everyAuthenticatedResponseCarriesThePolicyAndTheQuotaLeft() {
        Fixtures.Tenant tenant = fx.tenant("Corretora Cabeçalhos");
        Fixtures.Key sandbox = fx.key(tenant, "runs:read");
        Fixtures.Key live = fx.key(tenant, Environment.LIVE, null, "runs:read");
        Http.Response ok = http.get("/api/v1/bureau/runs", "X-API-Key", sandbox.secret());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("RateLimit-Policy")).hasValue("\"key\";q=25;w=1, \"tenant\";q=50;w=1");
        Matcher m = ITEM.matcher(ok.header("RateLimit").orElseThrow());
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("key");
        assertThat(Integer.parseInt(m.group(2))).isBetween(0, 24);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("tenant");
        assertThat(http.get("/api/v1/bureau/runs", "X-API-Key", live.secret()).header("RateLimit-Policy"))
                .hasValue("\"key\";q=100;w=1, \"tenant\";q=200;w=1");
        // Errors too: a 404, and a 403 that security refused before counting.
        Http.Response missing =
                http.get("/api/v1/bureau/runs/" + java.util.UUID.randomUUID(), "X-API-Key", sandbox.secret());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("RateLimit")).isPresent();
        Http.Response forbidden = http.post("/api/v1/bureau/runs", "{}", "X-API-Key", sandbox.secret());
        assertProblem(forbidden, 403, "insufficient_scope");
        assertThat(forbidden.header("RateLimit-Policy")).hasValue("\"key\";q=25;w=1, \"tenant\";q=50;w=1");
        // No key, no quota to speak of.
        assertThat(http.get("/api/v1/bureau/runs").header("RateLimit")).isEmpty();
    }

    @Test
    void overTheKeyLimitIs429WithRetryAfterAndNothingIsDone() {
        Fixtures.Tenant tenant = fx.tenant("Corretora Apressada");
        server.bean(RateLimitService.class).set(tenant.id(), Environment.SANDBOX, 2, 1000, "test");
        Fixtures.Key writer = fx.key(tenant, "runs:write");
        List<Integer> statuses = new ArrayList<>();
        Http.Response limited = null;
        for (int i = 0; i < 12; i++) {
            Http.Response r = http.post(
                    "/api/v1/bureau/runs",
                    Fixtures.createBody(tenant.pfTemplate(), "pf", Fixtures.CPF_CLEAR),
                    "X-API-Key",
                    writer.secret());
            statuses.add(r.status());
            if (r.status() == 429) {
                limited = r;
            }
        }
        assertThat(statuses).contains(201, 429);
        assertProblem(limited, 429, "rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(1L, 2L);
        assertThat(limited.header("RateLimit-Policy")).hasValue("\"key\";q=2;w=1, \"tenant\";q=1000;w=1");
        assertThat(limited.header("RateLimit").orElseThrow()).startsWith("\"key\";r=0;");
        long created = statuses.stream().filter(s -> s == 201).count();
        assertThat(fx.count("select count(*) from runs where tenant_id = ?", tenant.id()))
                .as("a refused request creates nothing")
                .isEqualTo(created);
    }

    @Test
    void theTenantCeilingCapsAllItsKeysTogether() {
        Fixtures.Tenant tenant = fx.tenant("Corretora Teto");
        server.bean(RateLimitService.class).set(tenant.id(), Environment.SANDBOX, 1000, 3, "test");
        Fixtures.Key a = fx.key(tenant, "runs:read");
        Fixtures.Key b = fx.key(tenant, "runs:read");
        int ok = 0;
        Http.Response limited = null;
        for (int i = 0; i < 16; i++) {
            Http.Response r = http.get("/api/v1/bureau/runs", "X-API-Key", (i % 2 == 0 ? a : b).secret());
            if (r.status() == 200) {
                ok++;
            } else {
                limited = r;
            }
        }
        assertThat(limited).as("the tenant ceiling refused some").isNotNull();
        assertProblem(limited, 429, "rate_limited");
        assertThat(limited.header("RateLimit").orElseThrow()).contains("\"tenant\";r=0;");
        // Another tenant is not affected.
        Fixtures.Tenant other = fx.tenant("Corretora Vizinha");
        assertThat(http.get(
                                "/api/v1/bureau/runs",
                                "X-API-Key",
                                fx.key(other, "runs:read").secret())
                        .status())
                .isEqualTo(200);
        assertThat(ok).isGreaterThanOrEqualTo(3);
    }

    @Test
    void keysMeShowsTheKeysPolicy() {
        Fixtures.Tenant tenant = fx.tenant("Corretora Política");
        server.bean(RateLimitService.class).set(tenant.id(), Environment.LIVE, 40, null, "test");
        var me = http.get(
                        "/api/v1/keys/me",
                        "X-API-Key",
                        fx.key(tenant, Environment.LIVE, null, "runs:read").secret())
                .json()
                .get("rate_limit");
        assertThat(me.get("per_key").getIntValue()).isEqualTo(40);
        assertThat(me.get("per_tenant").getIntValue()).isEqualTo(200);
        assertThat(me.get("window_seconds").getIntValue()).isEqualTo(1);
        assertThat(me.get("remaining").getIntValue()).isBetween(0, 40);
        var sandbox = http.get(
                        "/api/v1/keys/me",
                        "X-API-Key",
                        fx.key(tenant, "runs:read").secret())
                .json()
                .get("rate_limit");
        assertThat(sandbox.get("per_key").getIntValue()).isEqualTo(25);
        assertThat(sandbox.get("per_tenant").getIntValue()).isEqualTo(50);
    }
}
