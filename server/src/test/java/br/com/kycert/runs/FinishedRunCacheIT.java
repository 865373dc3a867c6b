package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /runs/{id}} of a finished run, once read, is answered from this node's memory: the same status, headers
 * and body as from the database, for the same callers, and refused to the same callers. To tell the two apart, the
 * tests change a stored run behind the server's back, which nothing in kycert ever does to a finished run.
 */
class FinishedRunCacheIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fx;
    static Fixtures.Tenant tenant;
    static Fixtures.Key key;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        fx = new Fixtures(server, db);
        tenant = fx.tenant("Finished runs");
        key = fx.key(tenant, "runs:write", "runs:read");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static Http.Response read(UUID run, Fixtures.Key caller, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-API-Key";
        all[1] = caller.secret();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return http.get("/api/v1/bureau/runs/" + run, all);
    }

    /** The response's headers, but the request id and the remaining rate-limit budget, which differ per request. */
    private static Map<String, Object> stableHeaders(Http.Response r) {
        Map<String, Object> headers = new TreeMap<>(r.headers().map());
        headers.remove("x-request-id");
        headers.remove("ratelimit");
        headers.remove("date");
        return headers;
    }

    private UUID finishedRun() {
        UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
        fx.complete(run, "approved");
        return run;
    }

    @Test
    void aFinishedRunOnceReadIsAnsweredFromMemoryExactlyAsFromTheDatabase() {
        UUID run = finishedRun();
        Http.Response fromDatabase = read(run, key);
        assertThat(fromDatabase.status()).isEqualTo(200);
        assertThat(fromDatabase.json().get("status").getStringValue()).isEqualTo("completed");

        fx.sql("update runs set subject_name = 'Changed behind the server' where id = ?", run);
        Http.Response fromMemory = read(run, key);

        assertThat(fromMemory.status()).isEqualTo(200);
        assertThat(fromMemory.body()).isEqualTo(fromDatabase.body()).doesNotContain("Changed behind the server");
        assertThat(stableHeaders(fromMemory)).isEqualTo(stableHeaders(fromDatabase));
        assertThat(fromMemory.header("X-Request-Id")).isNotEqualTo(fromDatabase.header("X-Request-Id"));
        // The other reads of the run are not cached: they show the database.
        var analysis = http.get("/api/v1/bureau/runs/" + run + "/analysis", "X-API-Key", key.secret());
        assertThat(analysis.status()).isEqualTo(200);
    }

    @Test
    void anOlderVersionIsRenderedFromMemoryAsFromTheDatabase() {
        UUID run = finishedRun();
        Http.Response fromDatabase = read(run, key, "x-kycert-api-version", "2026-06-03");
        fx.sql("update runs set subject_name = 'Changed behind the server' where id = ?", run);
        Http.Response fromMemory = read(run, key, "x-kycert-api-version", "2026-06-03");

        assertThat(fromMemory.status()).isEqualTo(200);
        assertThat(fromMemory.body()).isEqualTo(fromDatabase.body()).contains("\"doc_masked\"");
        assertThat(fromMemory.header("Sunset")).isPresent().isEqualTo(fromDatabase.header("Sunset"));
        assertThat(stableHeaders(fromMemory)).isEqualTo(stableHeaders(fromDatabase));
        // The same run in the latest version, from the same entry.
        assertThat(read(run, key).json().get("subject").get("doc").getStringValue())
                .isEqualTo("***.000.001-**");
    }

    @Test
    void aRunThatIsNotFinishedIsReadFromTheDatabaseEveryTime() {
        UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
        assertThat(read(run, key).json().get("status").getStringValue()).isEqualTo("queued");
        fx.complete(run, "review");
        var finished = read(run, key).json();
        assertThat(finished.get("status").getStringValue()).isEqualTo("completed");
        assertThat(finished.get("decision").getStringValue()).isEqualTo("review");
    }

    @Test
    void callersWhoMayNotSeeAHeldRunAreRefusedAsBefore() {
        UUID run = finishedRun();
        assertThat(read(run, key).status()).isEqualTo(200);

        Fixtures.Tenant other = fx.tenant("Other tenant");
        Http.Response otherTenant = read(run, fx.key(other, "runs:read"));
        assertThat(otherTenant.status()).isEqualTo(404);
        assertThat(otherTenant.code()).isEqualTo("run_not_found");

        Http.Response live = read(run, fx.key(tenant, Environment.LIVE, null, "runs:read"));
        assertThat(live.status()).isEqualTo(404);
        assertThat(live.code()).isEqualTo("run_not_found");

        Http.Response companiesOnly = read(run, fx.key(tenant, Environment.SANDBOX, SubjectType.PJ, "runs:read"));
        assertThat(companiesOnly.status()).isEqualTo(403);
        assertThat(companiesOnly.code()).isEqualTo("subject_type_not_allowed");

        Http.Response writeOnly = read(run, fx.key(tenant, "runs:write"));
        assertThat(writeOnly.status()).isEqualTo(403);
        assertThat(writeOnly.code()).isEqualTo("insufficient_scope");

        fx.sql("update runs set subject_name = 'Changed behind the server' where id = ?", run);
        assertThat(read(run, key).body()).doesNotContain("Changed behind the server");
    }

    @Test
    void withNoRunsHeldEveryReadGoesToTheDatabase() {
        TestDatabase own = TestDatabase.create();
        try (TestServer uncached = TestServer.start(own, Map.of("kycert.runs.cache.max-runs", 0))) {
            Fixtures f = new Fixtures(uncached, own);
            Fixtures.Tenant t = f.tenant("Uncached");
            Fixtures.Key k = f.key(t, "runs:write", "runs:read");
            UUID run = f.run(k, t.pfTemplate(), "pf", "900.000.001-75");
            f.complete(run, "approved");
            String path = "/api/v1/bureau/runs/" + run;
            assertThat(uncached.http().get(path, "X-API-Key", k.secret()).status())
                    .isEqualTo(200);
            f.sql("update runs set subject_name = 'Changed behind the server' where id = ?", run);
            assertThat(uncached.http()
                            .get(path, "X-API-Key", k.secret())
                            .json()
                            .get("subject")
                            .get("name")
                            .getStringValue())
                    .isEqualTo("Changed behind the server");
        } finally {
            own.close();
        }
    }
}
