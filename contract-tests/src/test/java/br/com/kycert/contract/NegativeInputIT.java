package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.NegativeInputs;
import br.com.kycert.contract.support.NegativeInputs.Case;
import br.com.kycert.contract.support.RawHttp;
import br.com.kycert.contract.support.World;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 6, item 3: negative input for every operation, generated from the spec by {@link NegativeInputs} (wrong
 * types, missing and unknown fields, huge strings, bad UUIDs, cursors, enums and dates, bad headers and keys,
 * invalid UTF-8, non-JSON bodies...). Every response must be a documented 4xx problem+json with a documented code,
 * valid against the spec, never a 5xx; where the spec says which, the exact status and code.
 *
 * <p>Each case first proves the generator: a case derived from a schema must also be refused by the validator.
 * A case the server gets wrong fails, with the evidence: no case is skipped or acknowledged as a known
 * discrepancy (issue 14, item 15). Everything is written to {@code target/negative-inputs.txt}.
 */
class NegativeInputIT extends ContractTest {

    /** Documents the cases send (the body example's CPF, a CPF in a parameter name), as sent and canonical. */
    static final List<String> DOCUMENTS = List.of("900.000.001-75", "90000000175");

    static final String VERSION_HEADER = "x-kycert-api-version";

    static OpenAPI api;
    static UUID alfaRun;
    static UUID betaRun;
    static final Map<String, String> outcomes = Collections.synchronizedMap(new LinkedHashMap<>());

    @BeforeAll
    static void setUp() {
        World w = world();
        alfaRun = createRun(w.full, w.alfa.pfTemplate(), "pf", CPF_CLEAR, "negative_alfa");
        betaRun = createRun(w.detail, w.beta.pfTemplate(), "pf", CPF_CLEAR, "negative_beta");
        env().complete(alfaRun, "approved");
        env().complete(betaRun, "approved");
        api = NegativeInputs.parse(recorder().spec().file());
    }

    /** Valid requests to start from: completed runs the keys can read, the first example body with a real template. */
    static final NegativeInputs.Context CONTEXT = new NegativeInputs.Context() {
        @Override
        public String key(String operationId) {
            return operationId.equals("getRunDetail")
                    ? world().detail.secret()
                    : world().full.secret();
        }

        @Override
        public String pathValue(String operationId, String parameter) {
            return switch (operationId) {
                case "getRunDetail" -> betaRun.toString();
                case "getTemplate" -> world().alfa.pfTemplate().toString();
                default -> alfaRun.toString();
            };
        }

        @Override
        public ObjectNode body(String operationId, ObjectNode example) {
            example.put("template_id", world().alfa.pfTemplate().toString());
            return example;
        }
    };

    @TestFactory
    Stream<DynamicTest> everyBaselineRequestSucceeds() {
        return NegativeInputs.baselines(api, CONTEXT).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    recorder().currentTest("NegativeInputIT." + c.name());
                    RawHttp.Response r = env().raw().send(c.method(), c.target(), c.headers(), c.body());
                    assertThat(r.status()).as(r.exchange().describe()).isBetween(200, 299);
                    assertThat(r.exchange().violations()).isEmpty();
                    assertThat(r.header("X-Request-Id")).as("X-Request-Id").isPresent();
                    assertThat(r.header(VERSION_HEADER))
                            .as(VERSION_HEADER)
                            .hasValueSatisfying(v -> assertThat(versions()).contains(v));
                    outcomes.put(c.name(), "pass    " + r.status());
                }));
    }

    @TestFactory
    Stream<DynamicNode> everyOperationRefusesEveryNegativeInput() {
        List<Case> cases = NegativeInputs.generate(api, CONTEXT);
        Map<String, List<Case>> byOperation = new LinkedHashMap<>();
        cases.forEach(c -> byOperation
                .computeIfAbsent(c.operationId(), k -> new ArrayList<>())
                .add(c));
        return byOperation.entrySet().stream()
                .map(e -> DynamicContainer.dynamicContainer(
                        e.getKey() + " (" + e.getValue().size() + " cases)",
                        e.getValue().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)))));
    }

    static void check(Case c) {
        recorder().currentTest("NegativeInputIT." + c.name());
        List<String> requestVerdict =
                recorder().requestViolations(c.method(), c.path(), c.query(), c.headerMap(), c.bodyText());
        if (c.schemaViolation()) {
            assertThat(requestVerdict)
                    .as("generator self-check: the spec's validator must refuse " + c.name())
                    .isNotEmpty();
        }
        RawHttp.Response r;
        try (var deliberate = recorder().deliberatelyInvalidRequests()) {
            r = env().raw().send(c.method(), c.target(), c.headers(), c.body());
        }
        List<String> failures = verdict(c, r);
        String observed = r.status()
                + (r.exchange().problemCode() == null ? "" : " " + r.exchange().problemCode());
        if (failures.isEmpty()) {
            outcomes.put(c.name(), "pass    " + observed);
            return;
        }
        String headers = c.headers().stream()
                .filter(h -> !h.name().equalsIgnoreCase("X-API-Key"))
                .map(h -> h.name() + ": "
                        + abbreviate(new String(h.value(), java.nio.charset.StandardCharsets.ISO_8859_1), 40))
                .collect(Collectors.joining(", "));
        String evidence = "request: " + c.method() + " " + abbreviate(c.target(), 120)
                + (headers.isEmpty() ? "" : " [" + headers + "]")
                + (c.body() == null ? "" : " body " + abbreviate(c.bodyText(), 160))
                + "\nresponse: " + observed + " " + abbreviate(r.body(), 240)
                + "\nexpected: " + c.expect() + "; found: " + String.join("; ", failures)
                + "\nvalidator on the request: "
                + (requestVerdict.isEmpty() ? "accepts it" : abbreviate(requestVerdict.get(0), 300));
        outcomes.put(c.name(), "FAIL    " + observed + "   " + String.join("; ", failures));
        throw new AssertionError(
                c.name() + "\n" + evidence + "\n" + r.exchange().describe());
    }

    /** Everything wrong with the response to a negative case; empty when it is the documented refusal. */
    static List<String> verdict(Case c, RawHttp.Response r) {
        List<String> failures = new ArrayList<>();
        int status = r.status();
        String code = r.exchange().problemCode();
        if (status >= 500) {
            failures.add("a 5xx");
        } else if (status < 400) {
            failures.add("accepted (" + status + ")");
        } else {
            Map<Integer, Set<String>> documented =
                    recorder().spec().operation(c.operationId()).problemCodes();
            if (!documented.containsKey(status)) {
                failures.add(status + " is not documented for " + c.operationId());
            } else if (!documented.get(status).contains(code)) {
                failures.add("code " + code + " is not in x-problem-codes " + documented.get(status) + " of " + status);
            }
            if (r.header("Content-Type")
                    .filter(ct -> ct.startsWith("application/problem+json"))
                    .isEmpty()) {
                failures.add("not application/problem+json");
            }
        }
        // Every answer, refusals decided before the API code included (414, 431, 400 at the HTTP edge), says which
        // request it was and which API version answered it.
        if (r.header("X-Request-Id")
                .filter(id -> id.matches("req_[0-9a-f]{32}"))
                .isEmpty()) {
            failures.add("no X-Request-Id");
        }
        if (r.header(VERSION_HEADER).filter(versions()::contains).isEmpty()) {
            failures.add(VERSION_HEADER + " is " + r.header(VERSION_HEADER).orElse("missing")
                    + ", not a version of the spec " + versions());
        }
        NegativeInputs.Expect expect = c.expect();
        if (status < 500 && status >= 400) {
            if (!expect.statuses().isEmpty() && !expect.statuses().contains(status)) {
                failures.add("status " + status + " instead of " + expect.statuses());
            }
            if (expect.code() != null && !expect.code().equals(code)) {
                failures.add("code " + code + " instead of " + expect.code());
            }
            if (expect.errorCode() != null && !names(r, expect.errorCode(), expect.errorField())) {
                failures.add("errors[] does not name " + expect.errorField() + " with " + expect.errorCode());
            }
        }
        for (String document : DOCUMENTS) {
            if (r.body() != null && r.body().contains(document)) {
                failures.add("the response echoes the document " + document);
            }
        }
        r.exchange().violations().forEach(v -> failures.add("response: " + v));
        return failures;
    }

    /** The published API versions: the spec's {@code ApiVersion} enum. */
    static List<String> versions() {
        return api.getComponents().getSchemas().get("ApiVersion").getEnum().stream()
                .map(String::valueOf)
                .toList();
    }

    private static boolean names(RawHttp.Response r, String errorCode, String field) {
        try {
            for (JsonNode error : r.json().path("errors")) {
                if (errorCode.equals(error.path("code").asText())
                        && field.equals(error.path("field").asText())) {
                    return true;
                }
            }
        } catch (AssertionError notJson) {
            return false;
        }
        return false;
    }

    @AfterAll
    static void report() throws IOException {
        String location = System.getProperty("kycert.contract.report");
        Path file = location == null
                ? Path.of("target/negative-inputs.txt")
                : Path.of(location).resolveSibling("negative-inputs.txt");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Map<String, Long> counts = outcomes.values().stream()
                .collect(Collectors.groupingBy(
                        v -> v.substring(0, 7).trim(), LinkedHashMap::new, Collectors.counting()));
        StringBuilder out = new StringBuilder("Negative inputs generated from ")
                .append(recorder().spec().file())
                .append(": ")
                .append(counts)
                .append("\n\n");
        outcomes.forEach((name, outcome) ->
                out.append(outcome).append("   ").append(name).append("\n"));
        Files.writeString(file, out.toString());
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replace("\n", "\\n");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
