package br.com.kycert.runs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Await;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every sandbox fixture of PRODUCT.md §5, created over HTTP and followed to its documented end. */
class RunLifecycleIT {

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static Fixtures fx;
    static Fixtures.Tenant tenant;
    static Fixtures.Key key;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db, Map.of("kycert.worker.enabled", true, "kycert.worker.poll-interval", "50ms"));
        http = server.http();
        fx = new Fixtures(server, db);
        tenant = fx.tenant("Lifecycle");
        fx.approveDetail(tenant);
        key = fx.key(tenant, "runs:write", "runs:read", "detail:read");
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    static JsonNode awaitFinished(UUID run) {
        return Await.until(
                "run " + run + " to finish",
                Duration.ofSeconds(20),
                () -> http.get("/api/v1/bureau/runs/" + run, "X-API-Key", key.secret())
                        .json(),
                body -> List.of("completed", "failed")
                        .contains(body.get("status").getStringValue()));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3} {4} {5}")
    @CsvSource(
            delimiter = ';',
            value = {
                "pf; 900.000.001-75; completed; approved; full; ",
                "pf; 900.000.002-56; completed; review; full; pep_match",
                "pf; 900.000.003-37; completed; review; full; sanctions_hit",
                "pf; 900.000.004-18; completed; review; full; cpf_irregular",
                "pf; 900.000.005-07; completed; rejected; full; holder_deceased",
                "pf; 900.000.006-80; completed; review; full; ceis_cnep_hit",
                "pf; 900.000.007-60; completed; review; partial; source_unavailable",
                "pf; 900.000.008-41; failed; ; partial; source_unavailable",
                "pj; KY.CTS.T01/0001-61; completed; approved; full; ",
                "pj; KY.CTS.T02/0001-06; completed; rejected; full; cnpj_closed",
                "pj; KY.CTS.T03/0001-50; completed; review; full; cnpj_irregular",
                "pj; KY.CTS.T04/0001-03; completed; review; full; partner_pep",
                "pj; 90.000.001/0001-29; completed; approved; full; ",
                "pf; 529.982.247-25; completed; approved; full; ",
                "pj; 11.222.333/0001-81; completed; approved; full; "
            })
    void everyFixtureReachesItsDocumentedOutcome(
            String type, String doc, String status, String decision, String completeness, String reason) {
        UUID template = type.equals("pf") ? tenant.pfTemplate() : tenant.pjTemplate();
        UUID run = fx.run(key, template, type, doc);
        JsonNode body = awaitFinished(run);

        assertThat(body.get("status").getStringValue()).isEqualTo(status);
        if (decision == null) {
            assertThat(body.get("decision").isNull()).isTrue();
        } else {
            assertThat(body.get("decision").getStringValue()).isEqualTo(decision);
        }
        assertThat(body.get("completeness").getStringValue()).isEqualTo(completeness);
        assertThat(body.get("completed_at").isNull()).isFalse();
        assertThat(body.get("compliance_alert").getBooleanValue()).isEqualTo("sanctions_hit".equals(reason));
        List<String> reasons = new ArrayList<>();
        body.get("reasons").values().forEach(r -> reasons.add(r.get("code").getStringValue()));
        if (reason == null) {
            assertThat(reasons).isEmpty();
        } else {
            assertThat(reasons).isNotEmpty().containsOnly(reason);
            assertThat(reasons).hasSize(status.equals("failed") ? 5 : 1);
        }
        // The sandbox never charges; it reports what live would have cost.
        assertThat(body.get("credits").get("charged").getLongValue()).isZero();
        if (status.equals("failed")) {
            assertThat(body.get("credits").get("would_charge").getLongValue()).isZero();
        } else {
            assertThat(body.get("credits").get("would_charge").getLongValue()).isPositive();
        }

        var analysis = http.get("/api/v1/bureau/runs/" + run + "/analysis", "X-API-Key", key.secret());
        if (status.equals("completed")) {
            assertThat(analysis.status()).isEqualTo(200);
            assertThat(analysis.json().get("decision").getStringValue()).isEqualTo(decision);
            assertThat(analysis.json().get("rule_results").size()).isGreaterThan(3);
            assertThat(analysis.body()).doesNotContain(doc.replaceAll("[./-]", ""));
        } else {
            // A failed run never completes: the answer is final and says so, distinct from "not completed yet".
            assertThat(analysis.status()).isEqualTo(409);
            assertThat(analysis.code()).isEqualTo("run_failed");
            assertThat(analysis.json().get("detail").getStringValue()).contains("final");
        }

        var detail = http.get("/api/v1/bureau/runs/" + run + "/detail", "X-API-Key", key.secret())
                .json();
        for (JsonNode check : detail.get("sources").values()) {
            assertThat(check.get("status").getStringValue()).isIn("succeeded", "failed", "timed_out");
            assertThat(check.get("attempts").getIntValue()).isEqualTo(1);
        }
    }

    @Test
    void theTimedOutSourceIsRecordedAsSuchWithItsLatency() {
        UUID run = fx.run(key, tenant.pfTemplate(), "pf", "900.000.007-60");
        awaitFinished(run);
        var detail = http.get("/api/v1/bureau/runs/" + run + "/detail", "X-API-Key", key.secret())
                .json();
        JsonNode lawsuits = null;
        for (JsonNode check : detail.get("sources").values()) {
            if (check.get("source").getStringValue().equals("lawsuits")) {
                lawsuits = check;
            } else {
                assertThat(check.get("status").getStringValue()).isEqualTo("succeeded");
                assertThat(check.get("raw").isObject()).isTrue();
            }
        }
        assertThat(lawsuits).isNotNull();
        assertThat(lawsuits.get("status").getStringValue()).isEqualTo("timed_out");
        assertThat(lawsuits.get("latency_ms").getLongValue()).isBetween(1_900L, 4_000L);
        assertThat(lawsuits.get("raw").isNull()).isTrue();
        var analysis = http.get("/api/v1/bureau/runs/" + run + "/analysis", "X-API-Key", key.secret())
                .json();
        assertThat(analysis.get("reasons").get(0).get("source").getStringValue())
                .isEqualTo("lawsuits");
    }

    @Test
    void aTemplateRegradesRulesAndEachRunKeepsTheRulesOfItsTemplateVersion() {
        var templates = server.bean(br.com.kycert.templates.TemplateService.class);
        UUID strict = templates
                .create(
                        tenant.id(),
                        "PF strict",
                        "pf",
                        null,
                        java.util.List.of(),
                        2_000,
                        Map.of("pep_match", "rejected", "ceis_cnep_hit", "off"))
                .id();
        UUID pep = fx.run(key, strict, "pf", "900.000.002-56");
        UUID ceis = fx.run(key, strict, "pf", "900.000.006-80");
        assertThat(awaitFinished(pep).get("decision").getStringValue()).isEqualTo("rejected");
        JsonNode ceisRun = awaitFinished(ceis);
        assertThat(ceisRun.get("decision").getStringValue()).isEqualTo("approved");
        assertThat(ceisRun.get("reasons").size()).isZero();

        // A new version changes new runs only.
        var updated = templates.update(strict, null, null, null, null, Map.of("pep_match", "review"));
        assertThat(updated.revision().version()).isEqualTo(2);
        UUID after = fx.run(key, strict, "pf", "900.000.002-56");
        assertThat(awaitFinished(after).get("decision").getStringValue()).isEqualTo("review");
        assertThat(http.get("/api/v1/bureau/runs/" + pep, "X-API-Key", key.secret())
                        .json()
                        .get("decision")
                        .getStringValue())
                .isEqualTo("rejected");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> templates.update(strict, null, null, null, null, Map.of("no_such_rule", "off")))
                .hasMessageContaining("unknown rule");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
