package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.RawHttp;
import br.com.kycert.contract.support.World;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The template reads over raw HTTP, success and every documented error, each exchange validated against the spec. */
class TemplatesContractIT extends ContractTest {

    static final String TEMPLATES = "/api/v1/bureau/templates";

    enum Op {
        LIST_TEMPLATES,
        GET_TEMPLATE;

        RawHttp.Response send(UUID template, String... headers) {
            return this == LIST_TEMPLATES
                    ? http().get(TEMPLATES, headers)
                    : http().get(TEMPLATES + "/" + template, headers);
        }
    }

    static JsonNode assertProblem(RawHttp.Response r, int status, String code) {
        return ErrorsContractIT.assertProblem(r, status, code);
    }

    @Test
    void listTemplatesPagesTheTenantsTemplatesNewestFirst() {
        World w = world();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var r = http().get(
                            TEMPLATES + "?limit=1" + (cursor == null ? "" : "&cursor=" + cursor),
                            "X-API-Key",
                            w.reader.secret(),
                            "x-kycert-api-version",
                            API_VERSION);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            r.json().path("data").forEach(t -> seen.add(t.path("id").asText()));
            cursor = r.json().path("has_more").asBoolean()
                    ? r.json().path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        assertThat(seen)
                .containsExactly(
                        w.alfa.pjTemplate().toString(), w.alfa.pfTemplate().toString());
    }

    @Test
    void getTemplateShowsSourcesAndRulesToAWriterToo() {
        World w = world();
        var r = http().get(TEMPLATES + "/" + w.alfa.pfTemplate(), "Authorization", "Bearer " + w.writer.secret());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.path("subject_type").asText()).isEqualTo("pf");
        assertThat(t.path("sources").size()).isPositive();
        t.path("sources").forEach(s -> assertThat(s.path("timeout_ms").asInt()).isBetween(100, 10_000));
        assertThat(t.path("rules").findValuesAsText("rule")).contains("holder_deceased", "pep_match");
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void missingAndMalformedKeysAre401(Op op) {
        RawHttp.Response missing;
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            missing = op.send(world().alfa.pfTemplate());
        }
        assertProblem(missing, 401, "missing_api_key");
        assertProblem(
                op.send(world().alfa.pfTemplate(), "X-API-Key", world().revoked.secret()), 401, "invalid_api_key");
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void anotherSitesOriginIs403OriginNotAllowed(Op op) {
        assertProblem(
                op.send(
                        world().alfa.pfTemplate(),
                        "X-API-Key",
                        world().full.secret(),
                        "Origin",
                        "https://evil.example"),
                403,
                "origin_not_allowed");
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void aKeyWithNeitherRunScopeIs403NamingBoth(Op op) {
        World w = world();
        JsonNode problem = assertProblem(
                op.send(w.beta.pfTemplate(), "X-API-Key", w.detailPfOnly.secret()), 403, "insufficient_scope");
        List<String> required = new ArrayList<>();
        problem.path("required_scopes").forEach(s -> required.add(s.asText()));
        assertThat(required).containsExactly("runs:write", "runs:read");
    }

    @Test
    void aPfOnlyKeyGets403ForAPjTemplateAndListsOnlyPfTemplates() {
        World w = world();
        assertProblem(
                Op.GET_TEMPLATE.send(w.alfa.pjTemplate(), "X-API-Key", w.pfOnly.secret()),
                403,
                "subject_type_not_allowed");
        var list = Op.LIST_TEMPLATES.send(null, "X-API-Key", w.pfOnly.secret());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data").findValuesAsText("subject_type")).containsOnly("pf");
    }

    @Test
    void unknownAndOtherTenantsTemplatesAre404Alike() {
        World w = world();
        JsonNode missing = assertProblem(
                Op.GET_TEMPLATE.send(UUID.randomUUID(), "X-API-Key", w.full.secret()), 404, "template_not_found");
        JsonNode foreign = assertProblem(
                Op.GET_TEMPLATE.send(w.beta.pfTemplate(), "X-API-Key", w.full.secret()), 404, "template_not_found");
        assertThat(foreign.path("detail")).isEqualTo(missing.path("detail"));
        assertThat(foreign.path("title")).isEqualTo(missing.path("title"));
    }

    @ParameterizedTest
    @EnumSource(Op.class)
    void unknownVersionAndBadParametersAre400(Op op) {
        RawHttp.Response r;
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            r = op.send(
                    world().alfa.pfTemplate(),
                    "X-API-Key",
                    world().full.secret(),
                    "x-kycert-api-version",
                    "2020-01-01");
        }
        assertProblem(r, 400, "invalid_api_version");
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            r = op == Op.LIST_TEMPLATES
                    ? http().get(
                                    TEMPLATES + "?limit=0",
                                    "X-API-Key",
                                    world().full.secret())
                    : http().get(
                                    TEMPLATES + "/not-a-uuid",
                                    "X-API-Key",
                                    world().full.secret());
        }
        assertProblem(r, 400, "invalid_request");
    }
}
