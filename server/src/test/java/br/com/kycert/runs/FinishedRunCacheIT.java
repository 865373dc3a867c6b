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
 * and body as from the database, for the same callers, and refused to the same callers. A list page takes the finished
 * runs it holds from there too, and reads the others (the reasons only of finished ones). To tell the two apart, the
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
        return finishedRun(tenant, key, "approved");
    }

    private static UUID finishedRun(Fixtures.Tenant t, Fixtures.Key k, String decision) {
        UUID run = fx.run(k, t.pfTemplate(), "pf", "900.000.001-75");
        fx.complete(run, decision);
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

    private static Http.Response list(Fixtures.Key caller, String query) {
        return http.get("/api/v1/bureau/runs" + query, "X-API-Key", caller.secret());
    }

    private static String name(io.micronaut.json.tree.JsonNode run) {
        return run.get("subject").get("name").getStringValue();
    }

    @Test
    void aListReadsAFinishedRunOnceAndThenTakesItFromMemoryWhileUnfinishedRunsAreReadEveryTime() {
        Fixtures.Tenant t = fx.tenant("Listed runs");
        Fixtures.Key k = fx.key(t, "runs:write", "runs:read");
        UUID finished = finishedRun(t, k, "review");
        UUID queued = fx.run(k, t.pfTemplate(), "pf", "900.000.001-75");

        Http.Response first = list(k, "?limit=20");
        assertThat(first.status()).isEqualTo(200);
        var data = first.json().get("data");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.get(0).get("id").getStringValue()).isEqualTo(queued.toString());
        assertThat(data.get(0).get("status").getStringValue()).isEqualTo("queued");
        assertThat(data.get(1).get("id").getStringValue()).isEqualTo(finished.toString());
        // A listed finished run is the run GET /runs/{id} shows, its reasons included (JSON trees compare by value).
        assertThat(data.get(1)).isEqualTo(read(finished, k).json()).isNotEqualTo(data.get(0));
        assertThat(data.get(1).get("reasons").get(0).get("code").getStringValue())
                .isEqualTo("pep_match");

        fx.sql("update runs set subject_name = 'Changed behind the server' where id in (?, ?)", finished, queued);
        var again = list(k, "?limit=20").json().get("data");
        assertThat(name(again.get(0))).isEqualTo("Changed behind the server");
        assertThat(again.get(1)).isEqualTo(data.get(1));
        // The list kept the run for GET /runs/{id} too.
        assertThat(read(finished, k).body()).doesNotContain("Changed behind the server");

        // Finished since the last page: read in full once, with its result.
        fx.complete(queued, "approved");
        var later = list(k, "?limit=20").json().get("data");
        assertThat(later.get(0).get("status").getStringValue()).isEqualTo("completed");
        assertThat(later.get(0).get("decision").getStringValue()).isEqualTo("approved");
        assertThat(later.get(0).get("reasons").get(0).get("code").getStringValue())
                .isEqualTo("pep_match");
        assertThat(later.get(0)).isEqualTo(read(queued, k).json());
    }

    @Test
    void filtersAndCursorsApplyToRunsHeldInMemoryAsToTheOthers() {
        Fixtures.Tenant t = fx.tenant("Filtered runs");
        Fixtures.Key k = fx.key(t, "runs:write", "runs:read");
        UUID approved = finishedRun(t, k, "approved");
        UUID rejected = finishedRun(t, k, "rejected");
        UUID queued = fx.run(k, t.pfTemplate(), "pf", "900.000.001-75");
        assertThat(list(k, "?limit=20").json().get("data").size()).isEqualTo(3); // both finished runs now held

        var onlyRejected = list(k, "?decision=rejected").json().get("data");
        assertThat(onlyRejected.size()).isEqualTo(1);
        assertThat(onlyRejected.get(0).get("id").getStringValue()).isEqualTo(rejected.toString());
        var onlyQueued = list(k, "?status=queued").json().get("data");
        assertThat(onlyQueued.size()).isEqualTo(1);
        assertThat(onlyQueued.get(0).get("id").getStringValue()).isEqualTo(queued.toString());

        java.util.List<String> seen = new java.util.ArrayList<>();
        String query = "?limit=1";
        for (int page = 0; page < 3; page++) {
            var body = list(k, query).json();
            seen.add(body.get("data").get(0).get("id").getStringValue());
            boolean more = body.get("has_more").getBooleanValue();
            assertThat(more).isEqualTo(page < 2);
            if (more) {
                query = "?limit=1&cursor=" + body.get("next_cursor").getStringValue();
            }
        }
        assertThat(seen).containsExactly(queued.toString(), rejected.toString(), approved.toString());

        // Another tenant's key lists none of them, held or not.
        Fixtures.Tenant other = fx.tenant("Other lister");
        assertThat(list(fx.key(other, "runs:read"), "?limit=20")
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(0);
        // A key for companies only lists no person's run.
        assertThat(list(fx.key(t, Environment.SANDBOX, SubjectType.PJ, "runs:read"), "?limit=20")
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(0);
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
            f.sql("update runs set subject_name = 'Changed again' where id = ?", run);
            var listed = uncached.http()
                    .get("/api/v1/bureau/runs", "X-API-Key", k.secret())
                    .json()
                    .get("data");
            assertThat(name(listed.get(0))).isEqualTo("Changed again");
        } finally {
            own.close();
        }
    }
}
