package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating and reading runs as an integrator does, checking the database after each request. */
class RunsIT {

    /** Counts the planned checks of a run (its own row keeps them until it is settled). */
    private static final String PLANNED =
            "select count(*) from runs r, jsonb_array_elements(r.planned_checks) c where r.id = ?";

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
        tenant = fx.tenant("Runs");
        fx.approveDetail(tenant);
        key = fx.key(tenant, "runs:write", "runs:read", "detail:read");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private Http.Response create(String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-API-Key";
        all[1] = key.secret();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return http.post("/api/v1/bureau/runs", body, all);
    }

    @Test
    void createAnswers201WithLocationAndAQueuedRunStoredCanonically() {
        var r = create(Fixtures.createBody(tenant.pfTemplate(), "pf", "900.000.001-75"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode run = r.json();
        String id = run.get("id").getStringValue();
        assertThat(r.header("Location")).hasValue("/api/v1/bureau/runs/" + id);
        assertThat(run.get("object").getStringValue()).isEqualTo("bureau_run");
        assertThat(run.get("status").getStringValue()).isEqualTo("queued");
        assertThat(run.get("decision").isNull()).isTrue();
        assertThat(run.get("environment").getStringValue()).isEqualTo("sandbox");
        assertThat(run.get("template").get("version").getIntValue()).isEqualTo(1);
        assertThat(run.get("subject").get("doc").getStringValue()).isEqualTo("***.000.001-**");
        assertThat(r.body()).doesNotContain("90000000175", "900.000.001-75");
        assertThat(run.get("credits").get("charged").getLongValue()).isZero();
        assertThat(run.get("credits").get("would_charge").getLongValue()).isEqualTo(9);
        assertThat(fx.count(
                        "select count(*) from runs where id = ?::uuid and subject_doc = '90000000175' and status = 'queued'",
                        id))
                .isEqualTo(1);
        // The plan lives in the run's own row until the run is settled: no row per source yet.
        assertThat(fx.count(
                        "select count(*) from runs r, jsonb_array_elements(r.planned_checks) c where r.id = ?::uuid",
                        id))
                .isEqualTo(5);
        assertThat(fx.count("select count(*) from run_sources where run_id = ?::uuid", id))
                .isZero();

        var read = http.get("/api/v1/bureau/runs/" + id, "X-API-Key", key.secret());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").getStringValue()).isEqualTo(id);
    }

    @Test
    void eachRunPinsTheTemplateVersionItUsed() {
        Fixtures.Tenant t = fx.tenant("Versions");
        Fixtures.Key k = fx.key(t, "runs:write", "runs:read");
        UUID before = fx.run(k, t.pfTemplate(), "pf", "900.000.001-75");
        var templates = server.bean(br.com.kycert.templates.TemplateService.class);
        var updated = templates.update(t.pfTemplate(), null, List.of("receita_cpf", "sanctions"), List.of("pep"), 1500);
        assertThat(updated.revision().version()).isEqualTo(2);
        UUID after = fx.run(k, t.pfTemplate(), "pf", "900.000.001-75");

        var first = http.get("/api/v1/bureau/runs/" + before, "X-API-Key", k.secret())
                .json();
        var second = http.get("/api/v1/bureau/runs/" + after, "X-API-Key", k.secret())
                .json();
        assertThat(first.get("template").get("version").getIntValue()).isEqualTo(1);
        assertThat(second.get("template").get("version").getIntValue()).isEqualTo(2);
        assertThat(fx.count(PLANNED, before)).isEqualTo(5);
        assertThat(fx.count(PLANNED, after)).isEqualTo(3);
        assertThat(fx.count(
                        PLANNED + " and c ->> 'source' = 'pep' and not (c ->> 'required')::boolean"
                                + " and (c ->> 'timeout_ms')::int = 1500",
                        after))
                .isEqualTo(1);
        assertThat(second.get("credits").get("would_charge").getLongValue()).isEqualTo(5);
    }

    @Test
    void alphanumericCnpjIsAccepted() {
        var r = create(Fixtures.createBody(tenant.pjTemplate(), "pj", "12.abc.345/01de-35"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("subject").get("doc").getStringValue()).isEqualTo("**.ABC.345/****-**");
    }

    @Test
    void invalidDocumentIs422NamingTheFieldWithoutEchoingIt() {
        long before = fx.count("select count(*) from runs");
        for (String doc : List.of("123.456.789-01", "111.111.111-11", "9000000017", "90000000175X")) {
            var r = create(Fixtures.createBody(tenant.pfTemplate(), "pf", doc));
            assertThat(r.status()).as(doc).isEqualTo(422);
            assertThat(r.code()).isEqualTo("invalid_document");
            assertThat(r.json().get("errors").get(0).get("field").getStringValue())
                    .isEqualTo("subject.doc");
            assertThat(r.body()).doesNotContain(doc).doesNotContain(doc.replaceAll("[.\\-]", ""));
        }
        var cnpj = create(Fixtures.createBody(tenant.pjTemplate(), "pj", "11.222.333/0001-82"));
        assertThat(cnpj.code()).isEqualTo("invalid_document");
        // A CPF is not a CNPJ: type and document must match.
        var mismatch = create(Fixtures.createBody(tenant.pjTemplate(), "pj", "900.000.001-75"));
        assertThat(mismatch.code()).isEqualTo("invalid_document");
        assertThat(fx.count("select count(*) from runs")).isEqualTo(before);
    }

    @Test
    void missingAndOversizedFieldsAre422ValidationFailed() {
        var r = create("{\"subject\":{\"type\":\"pf\",\"doc\":\"900.000.001-75\",\"name\":\"\"},\"external_id\":\"\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        r.json().get("errors").values().forEach(e -> fields.add(e.get("field").getStringValue()));
        assertThat(fields).containsExactlyInAnyOrder("template_id", "subject.name", "external_id");
        var longName = create(Fixtures.createBody(tenant.pfTemplate(), "pf", "900.000.001-75")
                .replace("Fulano de Tal", "x".repeat(201)));
        assertThat(longName.code()).isEqualTo("validation_failed");
    }

    @Test
    void subjectThatDoesNotFitTheTemplateIs422() {
        var r = create(Fixtures.createBody(tenant.pfTemplate(), "pj", "KY.CTS.T01/0001-61"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("validation_failed");
        assertThat(r.json().get("errors").get(0).get("field").getStringValue()).isEqualTo("subject.type");
    }

    @Test
    void unknownTemplateIs404() {
        var r = create(Fixtures.createBody(UUID.randomUUID(), "pf", "900.000.001-75"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("template_not_found");
    }

    @Test
    void idempotentReplayLeavesOneRun() {
        String body =
                Fixtures.createBody(tenant.pfTemplate(), "pf", "900.000.002-56").replace("cust_1", "idem_1");
        var first = create(body, "Idempotency-Key", "idem-key-1");
        var second = create(body.replace("900.000.002-56", "90000000256"), "Idempotency-Key", "idem-key-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("Idempotency-Replayed")).hasValue("true");
        assertThat(first.header("Idempotency-Replayed")).isEmpty();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(fx.count("select count(*) from runs where external_id = 'idem_1'"))
                .isEqualTo(1);

        var different = create(body.replace("Fulano", "Beltrano"), "Idempotency-Key", "idem-key-1");
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.code()).isEqualTo("idempotency_key_reused");
        assertThat(fx.count("select count(*) from runs where external_id = 'idem_1'"))
                .isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyCreateOneRun() throws Exception {
        String body =
                Fixtures.createBody(tenant.pfTemplate(), "pf", "900.000.003-37").replace("cust_1", "idem_race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Http.Response>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> create(body, "Idempotency-Key", "race-key")));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Http.Response> f : results) {
                Http.Response r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                ids.add(r.json().get("id").getStringValue());
            }
            assertThat(ids).hasSize(1);
            assertThat(fx.count("select count(*) from runs where external_id = 'idem_race'"))
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idempotencyKeysAreScopedToTheTenant() {
        Fixtures.Tenant other = fx.tenant("Other");
        Fixtures.Key otherKey = fx.key(other, "runs:write");
        var mine = create(
                Fixtures.createBody(tenant.pfTemplate(), "pf", "900.000.004-18"), "Idempotency-Key", "shared-key");
        var theirs = http.post(
                "/api/v1/bureau/runs",
                Fixtures.createBody(other.pfTemplate(), "pf", "900.000.004-18"),
                "X-API-Key",
                otherKey.secret(),
                "Idempotency-Key",
                "shared-key");
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().get("id").getStringValue())
                .isNotEqualTo(mine.json().get("id").getStringValue());
    }

    @Test
    void badIdempotencyKeyIs400() {
        var r = create(
                Fixtures.createBody(tenant.pfTemplate(), "pf", "900.000.001-75"), "Idempotency-Key", "x".repeat(256));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid_request");
        assertThat(r.json().get("errors").get(0).get("field").getStringValue()).isEqualTo("Idempotency-Key");
    }

    @Test
    void walkingPagesWhileRunsAreCreatedYieldsNoDuplicateAndNoGap() throws Exception {
        Fixtures.Tenant t = fx.tenant("Pagination");
        Fixtures.Key k = fx.key(t, "runs:write", "runs:read");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            created.add(fx.run(k, t.pfTemplate(), "pf", "900.000.001-75").toString());
        }
        AtomicBoolean walking = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> concurrent = writer.submit((Callable<Integer>) () -> {
            int n = 0;
            while (walking.get() && n < 200) {
                fx.run(k, t.pfTemplate(), "pf", "900.000.002-56");
                n++;
            }
            return n;
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        String previousCreatedAt = null;
        int pages = 0;
        do {
            var page = http.get(
                    "/api/v1/bureau/runs?limit=7" + (cursor == null ? "" : "&cursor=" + cursor),
                    "X-API-Key",
                    k.secret());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (JsonNode run : page.json().get("data").values()) {
                String createdAt = run.get("created_at").getStringValue();
                if (previousCreatedAt != null) {
                    assertThat(java.time.Instant.parse(createdAt))
                            .isBeforeOrEqualTo(java.time.Instant.parse(previousCreatedAt));
                }
                previousCreatedAt = createdAt;
                seen.add(run.get("id").getStringValue());
            }
            JsonNode next = page.json().get("next_cursor");
            cursor = next.isNull() ? null : next.getStringValue();
            assertThat(page.json().get("has_more").getBooleanValue()).isEqualTo(cursor != null);
            pages++;
        } while (cursor != null && pages < 100);
        walking.set(false);
        assertThat(concurrent.get()).isGreaterThan(0);
        writer.shutdown();

        assertThat(new HashSet<>(seen)).as("no duplicates").hasSize(seen.size());
        assertThat(seen).as("no gaps").containsAll(created);
    }

    @Test
    void listFiltersNarrowTheResults() {
        Fixtures.Tenant t = fx.tenant("Filters");
        Fixtures.Key k = fx.key(t, "runs:write", "runs:read");
        UUID pf = fx.run(k, t.pfTemplate(), "pf", "900.000.001-75");
        UUID pj = fx.run(k, t.pjTemplate(), "pj", "90.000.001/0001-29");
        fx.complete(pj, "approved");
        assertThat(ids("/api/v1/bureau/runs?subject_type=pf", k)).containsExactly(pf.toString());
        assertThat(ids("/api/v1/bureau/runs?status=completed", k)).containsExactly(pj.toString());
        assertThat(ids("/api/v1/bureau/runs?decision=approved", k)).containsExactly(pj.toString());
        assertThat(ids("/api/v1/bureau/runs?template_id=" + t.pfTemplate(), k)).containsExactly(pf.toString());
        assertThat(ids("/api/v1/bureau/runs?external_id=cust_1", k)).containsExactly(pj.toString(), pf.toString());
        assertThat(ids("/api/v1/bureau/runs?external_id=nope", k)).isEmpty();
        assertThat(ids("/api/v1/bureau/runs?created_after=2999-01-01T00:00:00Z", k))
                .isEmpty();
        assertThat(ids("/api/v1/bureau/runs?created_before=2999-01-01T00:00:00Z", k))
                .hasSize(2);
    }

    @Test
    void analysisOfAnUnfinishedRunIs409AndOfACompletedRunHasTheDecision() {
        Fixtures.Tenant t = fx.tenant("Analysis");
        Fixtures.Key k = fx.key(t, "runs:write", "runs:read");
        UUID run = fx.run(k, t.pfTemplate(), "pf", "900.000.002-56");
        var pending = http.get("/api/v1/bureau/runs/" + run + "/analysis", "X-API-Key", k.secret());
        assertThat(pending.status()).isEqualTo(409);
        assertThat(pending.code()).isEqualTo("run_not_completed");
        fx.complete(run, "review");
        var done = http.get("/api/v1/bureau/runs/" + run + "/analysis", "X-API-Key", k.secret());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("decision").getStringValue()).isEqualTo("review");
        assertThat(done.json().get("reasons").get(0).get("code").getStringValue())
                .isEqualTo("pep_match");
        assertThat(done.json().get("sources").size()).isEqualTo(5);
        assertThat(done.body()).doesNotContain("90000000256");
    }

    @Test
    void detailShowsEverySourceCheckAndTheFullDocument() {
        UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.001-75");
        var detail = http.get("/api/v1/bureau/runs/" + run + "/detail", "X-API-Key", key.secret());
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.json().get("subject").get("doc").getStringValue()).isEqualTo("90000000175");
        List<String> sources = new ArrayList<>();
        detail.json()
                .get("sources")
                .values()
                .forEach(s -> sources.add(s.get("source").getStringValue()));
        assertThat(sources).containsExactly("receita_cpf", "pep", "sanctions", "ceis_cnep", "lawsuits");
        assertThat(detail.json().get("sources").get(0).get("status").getStringValue())
                .isEqualTo("pending");
    }

    private static List<String> ids(String path, Fixtures.Key k) {
        var r = http.get(path, "X-API-Key", k.secret());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("data").values().forEach(run -> out.add(run.get("id").getStringValue()));
        return out;
    }
}
