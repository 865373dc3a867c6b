package br.com.kycert.shared.web;

import static br.com.kycert.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.json.tree.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every problem {@code type} resolves, without a key, to its code's documentation: HTML for browsers, JSON else. */
class ProblemTypesIT {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    static TestDatabase db;
    static TestServer server;
    static Http http;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    @Test
    void everyCodeOfTheSpecResolvesAsJson() {
        List<String> broken = new ArrayList<>();
        for (ProblemCode code : ProblemCode.values()) {
            Http.Response r = http.get("/problems/" + code.getValue(), "Accept", "application/json");
            if (r.status() != 200 || !r.contentType().startsWith("application/json")) {
                broken.add(code.getValue() + ": " + r.status() + " " + r.contentType());
                continue;
            }
            JsonNode type = r.json();
            assertThat(type.get("type").getStringValue()).isEqualTo("/problems/" + code.getValue());
            assertThat(type.get("code").getStringValue()).isEqualTo(code.getValue());
            assertThat(type.get("title").getStringValue()).as(code.getValue()).isNotBlank();
            assertThat(type.get("status").getIntValue()).isBetween(400, 599);
            for (String field : List.of("applies_to", "summary", "retry", "description")) {
                assertThat(type.get(field).getStringValue())
                        .as(code.getValue() + " " + field)
                        .isNotBlank();
            }
            assertThat(type.get("documentation").getStringValue())
                    .isEqualTo("/docs/error-" + code.getValue() + ".html");
            assertThat(r.header("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Accept"));
            assertThat(r.header("X-Request-Id")).isPresent();
        }
        assertThat(broken).as("problem types that do not resolve").isEmpty();
    }

    @Test
    void everyCodeOfTheSpecSendsABrowserToItsPageOfTheDocs() {
        for (ProblemCode code : ProblemCode.values()) {
            Http.Response r = http.get("/problems/" + code.getValue(), "Accept", BROWSER_ACCEPT);
            assertThat(r.status()).as(code.getValue()).isEqualTo(303);
            String location = r.header("Location").orElseThrow();
            assertThat(location).isEqualTo("/docs/error-" + code.getValue() + ".html");
            Http.Response page = http.get(location, "Accept", BROWSER_ACCEPT);
            assertThat(page.status()).as(location).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body())
                    .contains("<h1 id=\"" + code.getValue() + "\"><code>" + code.getValue() + "</code></h1>");
        }
    }

    /** The {@code type} of problems the server really sends, followed as a client would. */
    @Test
    void theTypeOfARealProblemResolvesToItsCodeWithTheSameTitleAndStatus() {
        List<Http.Response> problems = List.of(
                http.get("/api/v1/bureau/runs"),
                http.get("/api/v1/bureau/runs", "X-API-Key", "sk_test_notakey"),
                http.get("/no/such/route"),
                http.send("DELETE", "/api/v1/bureau/runs", null));
        for (Http.Response problem : problems) {
            String type = problem.json().get("type").getStringValue();
            Http.Response doc = http.get(type);
            assertThat(doc.status()).as(type).isEqualTo(200);
            assertThat(doc.contentType()).startsWith("application/json");
            assertThat(doc.json().get("code").getStringValue()).isEqualTo(problem.code());
            assertThat(doc.json().get("status").getIntValue()).isEqualTo(problem.status());
            assertThat(doc.json().get("title").getStringValue())
                    .isEqualTo(problem.json().get("title").getStringValue());
        }
    }

    @Test
    void anyAcceptThatTakesJsonAndNoAcceptGetJson() {
        for (String accept : List.of("*/*", "application/*", "application/problem+json", "text/html;q=0.5, */*")) {
            Http.Response r = http.get("/problems/run_failed", "Accept", accept);
            assertThat(r.status()).as(accept).isEqualTo(200);
            assertThat(r.contentType()).as(accept).startsWith("application/json");
        }
        Http.Response none = http.get("/problems/run_failed");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("code").getStringValue()).isEqualTo("run_failed");
        assertThat(http.get("/problems/run_failed", "Accept", "text/html").status())
                .isEqualTo(303);
    }

    @Test
    void anAcceptThatRulesOutHtmlAndJsonIs406() {
        Http.Response r = http.get("/problems/run_failed", "Accept", "image/png");
        assertProblem(r, 406, "not_acceptable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no_such_code", "INVALID_REQUEST", "cpf_52998224725", "x"})
    void anUnknownCodeIs404ProblemJsonWithoutEchoingADocument(String code) {
        Http.Response r = http.get("/problems/" + code, "Accept", "application/json");
        assertProblem(r, 404, "route_not_found");
        assertThat(r.body()).doesNotContain("52998224725");
        Http.Response browser = http.get("/problems/" + code, "Accept", BROWSER_ACCEPT);
        assertThat(browser.status()).isEqualTo(404);
        assertThat(browser.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theCollectionItselfIsNoProblemType() {
        assertProblem(http.get("/problems/"), 404, "route_not_found");
        assertProblem(http.get("/problems"), 404, "route_not_found");
    }
}
