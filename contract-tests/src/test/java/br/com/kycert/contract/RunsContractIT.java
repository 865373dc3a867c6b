package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.RawHttp;
import br.com.kycert.contract.support.World;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The success path of every operation over raw HTTP, every exchange validated against the spec. */
class RunsContractIT extends ContractTest {

    @Test
    void createRunAnswers201WithLocationForAPersonFixture() {
        World w = world();
        var r = http().post(
                        RUNS,
                        createBody(w.alfa.pfTemplate(), "pf", CPF_CLEAR, "cust_pf_1"),
                        "X-API-Key",
                        w.full.secret(),
                        "x-kycert-api-version",
                        API_VERSION);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode run = r.json();
        assertThat(r.header("Location")).hasValue(RUNS + "/" + run.path("id").asText());
        assertThat(r.header("x-kycert-api-version")).hasValue(API_VERSION);
        assertThat(run.path("status").asText()).isEqualTo("queued");
        assertThat(run.path("environment").asText()).isEqualTo("sandbox");
        assertThat(run.path("decision").isNull()).isTrue();
        assertThat(run.path("completeness").isNull()).isTrue();
        assertThat(run.path("subject").path("doc").asText()).isEqualTo("***.000.001-**");
        assertThat(r.body()).doesNotContain("90000000175");
    }

    @Test
    void createRunAcceptsAlphanumericAndNumericCnpjs() {
        World w = world();
        for (String doc : List.of(CNPJ_ALPHANUMERIC_CLEAR, CNPJ_NUMERIC_CLEAR, "ky.cts.t01/0001-61")) {
            var r = http().post(
                            RUNS, createBody(w.alfa.pjTemplate(), "pj", doc, "acct_pj"), "X-API-Key", w.full.secret());
            assertThat(r.status()).as(doc + ": " + r.body()).isEqualTo(201);
            assertThat(r.json().path("subject").path("type").asText()).isEqualTo("pj");
        }
    }

    @Test
    void createRunAcceptsTheKeyAsABearerToken() {
        World w = world();
        var r = http().post(
                        RUNS,
                        createBody(w.alfa.pfTemplate(), "pf", CPF_PEP, null),
                        "Authorization",
                        "Bearer " + w.full.secret());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("external_id").isNull()).isTrue();
    }

    @Test
    void createRunReplaysTheFirstResponseForTheSameIdempotencyKeyAndBody() {
        World w = world();
        String key = "contract-" + UUID.randomUUID();
        String body = createBody(w.alfa.pfTemplate(), "pf", CPF_CLEAR, "cust_idem");
        var first = http().post(RUNS, body, "X-API-Key", w.full.secret(), "Idempotency-Key", key);
        var replay = http().post(RUNS, body, "X-API-Key", w.full.secret(), "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotency-Replayed")).isEmpty();
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotency-Replayed")).hasValue("true");
        assertThat(replay.json().path("id").asText())
                .isEqualTo(first.json().path("id").asText());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
    }

    @Test
    void listRunsPagesNewestFirstWithCursors() {
        World w = world();
        String externalId = "page_" + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createRun(w.full, w.alfa.pfTemplate(), "pf", CPF_CLEAR, externalId)
                    .toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = http().get(
                            RUNS + "?limit=2&external_id=" + externalId
                                    + (cursor == null
                                            ? ""
                                            : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
                            "X-API-Key",
                            w.full.secret());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode body = page.json();
            assertThat(body.path("object").asText()).isEqualTo("list");
            assertThat(body.path("data").size()).isLessThanOrEqualTo(2);
            body.path("data").forEach(run -> seen.add(run.path("id").asText()));
            cursor = body.path("next_cursor").isNull()
                    ? null
                    : body.path("next_cursor").asText();
            assertThat(body.path("has_more").asBoolean()).isEqualTo(cursor != null);
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        Collections.reverse(created);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void listRunsAppliesEveryFilter() {
        World w = world();
        String tag = "filters_" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        UUID pf = createRun(w.full, w.alfa.pfTemplate(), "pf", CPF_PEP, tag);
        UUID pj = createRun(w.full, w.alfa.pjTemplate(), "pj", CNPJ_ALPHANUMERIC_CLEAR, tag);
        env().complete(pf, "review");
        Instant after = Instant.now().plusSeconds(1);

        assertThat(ids("external_id=" + tag)).containsExactly(pj, pf);
        assertThat(ids("external_id=" + tag + "&status=completed")).containsExactly(pf);
        assertThat(ids("external_id=" + tag + "&status=queued")).containsExactly(pj);
        assertThat(ids("external_id=" + tag + "&decision=review")).containsExactly(pf);
        assertThat(ids("external_id=" + tag + "&decision=approved")).isEmpty();
        assertThat(ids("external_id=" + tag + "&subject_type=pj")).containsExactly(pj);
        assertThat(ids("external_id=" + tag + "&template_id=" + w.alfa.pfTemplate()))
                .containsExactly(pf);
        assertThat(ids("external_id=" + tag + "&created_after=" + before + "&created_before=" + after))
                .containsExactly(pj, pf);
        assertThat(ids("external_id=" + tag + "&created_before=" + before)).isEmpty();
        assertThat(ids("external_id=" + tag + "&created_after=" + after)).isEmpty();
    }

    @Test
    void createdAfterIsInclusiveAndCreatedBeforeExclusiveToTheMicrosecond() {
        World w = world();
        String tag = "bounds_" + UUID.randomUUID();
        UUID id = createRun(w.full, w.alfa.pfTemplate(), "pf", CPF_CLEAR, tag);
        String createdAt = http().get(RUNS + "/" + id, "X-API-Key", w.full.secret())
                .json()
                .path("created_at")
                .asText();
        assertThat(ids("external_id=" + tag + "&created_after=" + createdAt)).containsExactly(id);
        assertThat(ids("external_id=" + tag + "&created_before=" + createdAt)).isEmpty();
    }

    @Test
    void listRunsReturns20RunsByDefault() {
        World w = world();
        String tag = "default_limit_" + UUID.randomUUID();
        for (int i = 0; i < 21; i++) {
            createRun(w.full, w.alfa.pjTemplate(), "pj", CNPJ_NUMERIC_CLEAR, tag);
        }
        var page = http().get(RUNS + "?external_id=" + tag, "X-API-Key", w.full.secret());
        assertThat(page.json().path("data").size()).isEqualTo(20);
        assertThat(page.json().path("has_more").asBoolean()).isTrue();
    }

    private static List<UUID> ids(String query) {
        RawHttp.Response r =
                http().get(RUNS + "?" + query, "X-API-Key", world().full.secret());
        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        r.json()
                .path("data")
                .forEach(run -> ids.add(UUID.fromString(run.path("id").asText())));
        return ids;
    }

    @Test
    void getRunReturnsQueuedAndCompletedRuns() {
        World w = world();
        UUID id = createRun(w.full, w.alfa.pfTemplate(), "pf", CPF_PEP, "cust_get");
        var queued = http().get(RUNS + "/" + id, "X-API-Key", w.full.secret());
        assertThat(queued.status()).isEqualTo(200);
        assertThat(queued.json().path("status").asText()).isEqualTo("queued");

        env().complete(id, "review");
        var completed = http().get(RUNS + "/" + id, "X-API-Key", w.reader.secret());
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.json().path("decision").asText()).isEqualTo("review");
        assertThat(completed.json().path("completeness").asText()).isEqualTo("full");
        assertThat(completed.json().path("completed_at").isNull()).isFalse();
    }

    @Test
    void getRunAnalysisOfACompletedRun() {
        World w = world();
        UUID id = createRun(w.full, w.alfa.pfTemplate(), "pf", CPF_PEP, "cust_analysis");
        env().complete(id, "review");
        var r = http().get(RUNS + "/" + id + "/analysis", "X-API-Key", w.reader.secret());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("run_id").asText()).isEqualTo(id.toString());
        assertThat(r.json().path("decision").asText()).isEqualTo("review");
        assertThat(r.json().path("sources").size()).isPositive();
    }

    @Test
    void getRunDetailWithADetailKeyOfAnApprovedTenant() {
        World w = world();
        UUID queued = createRun(w.detail, w.beta.pfTemplate(), "pf", CPF_CLEAR, "cust_detail_q");
        UUID completed = createRun(w.detail, w.beta.pjTemplate(), "pj", CNPJ_ALPHANUMERIC_CLEAR, "cust_detail_c");
        env().complete(completed, "approved");

        var q = http().get(RUNS + "/" + queued + "/detail", "X-API-Key", w.detail.secret());
        assertThat(q.status()).as(q.body()).isEqualTo(200);
        assertThat(q.json().path("subject").path("doc").asText()).isEqualTo("90000000175");
        // A queued run shows its plan: the template's sources, in its order, each pending and not yet attempted.
        var template = http().get("/api/v1/bureau/templates/" + w.beta.pfTemplate(), "X-API-Key", w.detail.secret());
        assertThat(template.status()).as(template.body()).isEqualTo(200);
        List<String> planned = new ArrayList<>();
        template.json()
                .path("sources")
                .forEach(source -> planned.add(source.path("source").asText()));
        List<String> shown = new ArrayList<>();
        for (JsonNode check : q.json().path("sources")) {
            shown.add(check.path("source").asText());
            assertThat(check.path("status").asText()).isEqualTo("pending");
            assertThat(check.path("attempts").asInt()).isZero();
            assertThat(check.path("latency_ms").isNull()).isTrue();
            assertThat(check.path("raw").isNull()).isTrue();
        }
        assertThat(shown).isNotEmpty().isEqualTo(planned);

        var c = http().get(RUNS + "/" + completed + "/detail", "X-API-Key", w.detail.secret());
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        assertThat(c.json().path("subject").path("doc").asText()).isEqualTo("KYCTST01000161");
        assertThat(c.json().path("sources").get(0).path("raw").isObject()).isTrue();
    }
}
