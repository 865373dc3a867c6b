package br.com.kycert.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the contract, on top of the generator's validation: every operation names its
 * scope, every response its headers and problem codes, every example is present and realistic.
 */
class SpecLintTest {

    static Set<String> scopes;
    /** The x-roles of an operation any valid key may call (Micronaut's rule for "authenticated"). */
    static final String ANY_VALID_KEY = "isAuthenticated()";

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    static OpenAPI spec;
    static Map<String, Operation> operations = new LinkedHashMap<>();
    static List<String> problemCodes;
    /** The API's operations, under {@code /api}: each needs a key and a scope. */
    static Map<String, Operation> apiOperations = new LinkedHashMap<>();
    /** The health probes: no key ({@code security: []}), and none of the API's request checks but the version. */
    static Map<String, Operation> probes = new LinkedHashMap<>();

    @BeforeAll
    static void parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result =
                new OpenAPIV3Parser().readLocation(System.getProperty("kycert.spec"), null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        spec = result.getOpenAPI();
        spec.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().forEach((method, op) -> operations.put(method + " " + path, op)));
        operations.forEach((name, op) -> (isProbe(op) ? probes : apiOperations).put(name, op));
        problemCodes = enumOf(spec.getComponents().getSchemas().get("ProblemCode"));
        scopes = new LinkedHashSet<>();
        ((List<?>) spec.getInfo().getExtensions().get("x-scopes"))
                .forEach(entry -> scopes.add(String.valueOf(asMap(entry).get("scope"))));
    }

    static boolean isProbe(Operation op) {
        return op.getSecurity() != null && op.getSecurity().isEmpty();
    }

    @SuppressWarnings("unchecked")
    static List<String> enumOf(Schema<?> schema) {
        List<String> values = new ArrayList<>();
        ((List<Object>) (List<?>) schema.getEnum()).forEach(v -> values.add(String.valueOf(v)));
        return values;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return JSON.convertValue(value, Map.class);
    }

    @Test
    void theOperationsOfTheReferencePageTheTemplateReadsAndKeyIntrospectionExist() {
        Set<String> ids = new LinkedHashSet<>();
        operations.values().forEach(op -> ids.add(op.getOperationId()));
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "createRun",
                        "listRuns",
                        "getRun",
                        "getRunAnalysis",
                        "getRunDetail",
                        "listTemplates",
                        "getTemplate",
                        "getCurrentKey",
                        "getHealth",
                        "getLiveness");
        assertThat(apiOperations.keySet())
                .containsExactlyInAnyOrder(
                        "POST /api/v1/bureau/runs",
                        "GET /api/v1/bureau/runs",
                        "GET /api/v1/bureau/runs/{id}",
                        "GET /api/v1/bureau/runs/{id}/analysis",
                        "GET /api/v1/bureau/runs/{id}/detail",
                        "GET /api/v1/bureau/templates",
                        "GET /api/v1/bureau/templates/{id}",
                        "GET /api/v1/keys/me");
        assertThat(probes.keySet()).containsExactlyInAnyOrder("GET /health", "GET /health/liveness");
    }

    @Test
    void theProbesNeedNoKeyAndSaySo() {
        probes.forEach((name, op) -> {
            assertThat(op.getExtensions() == null ? null : op.getExtensions().get("x-roles"))
                    .as(name + " x-roles")
                    .isNull();
            assertThat(op.getDescription()).as(name + " prose").contains("**Required scope:** none.");
            assertThat(op.getTags()).as(name).containsExactly("Health");
            assertThat(op.getResponses()).as(name).doesNotContainKeys("401", "403");
        });
        assertThat(operations.keySet().stream().filter(name -> name.contains(" /api/")))
                .as("every API operation needs a key")
                .containsExactlyInAnyOrderElementsOf(apiOperations.keySet());
    }

    @Test
    void everyOperationDeclaresItsScopeMachineReadablyAndInProse() {
        apiOperations.forEach((name, op) -> {
            Object roles =
                    op.getExtensions() == null ? null : op.getExtensions().get("x-roles");
            assertThat(roles).as(name + " x-roles").isInstanceOf(List.class);
            List<?> list = (List<?>) roles;
            assertThat(list).as(name).isNotEmpty();
            List<String> required = list.stream().map(String::valueOf).toList();
            if (required.equals(List.of(ANY_VALID_KEY))) {
                assertThat(op.getDescription()).as(name + " prose").contains("**Required scope:** none");
                return;
            }
            assertThat(scopes).as(name).containsAll(required);
            // One scope: "**Required scope:** `runs:read`"; several (any one suffices): "`runs:write` or `runs:read`".
            String prose = String.join(
                    " or ", required.stream().map(s -> "`" + s + "`").toList());
            assertThat(op.getDescription()).as(name + " prose").contains("**Required scope:** " + prose);
            assertThat(op.getOperationId()).as(name).matches("[a-z]+[A-Z][A-Za-z]*");
        });
        assertThat(String.valueOf(operations
                        .get("POST /api/v1/bureau/runs")
                        .getExtensions()
                        .get("x-roles")))
                .contains("runs:write");
        assertThat(String.valueOf(operations
                        .get("GET /api/v1/bureau/runs/{id}/detail")
                        .getExtensions()
                        .get("x-roles")))
                .contains("detail:read");
    }

    @Test
    void theScopesOfTheReferencePageAreListedOnceAndEachIsUsed() {
        assertThat(scopes).containsExactly("runs:write", "runs:read", "detail:read");
        Set<String> used = new LinkedHashSet<>();
        apiOperations
                .values()
                .forEach(op ->
                        ((List<?>) op.getExtensions().get("x-roles")).forEach(role -> used.add(String.valueOf(role))));
        used.remove(ANY_VALID_KEY);
        assertThat(used).containsExactlyInAnyOrderElementsOf(scopes);
        ((List<?>) spec.getInfo().getExtensions().get("x-scopes")).forEach(entry -> {
            Map<String, Object> scope = asMap(entry);
            assertThat(scope).containsKeys("scope", "description", "needs_approval");
            assertThat(scope.get("needs_approval")).isInstanceOf(Boolean.class);
        });
    }

    @Test
    void bothAuthenticationSchemesAreAccepted() {
        assertThat(spec.getComponents().getSecuritySchemes()).containsKeys("ApiKeyAuth", "BearerAuth");
        assertThat(spec.getComponents().getSecuritySchemes().get("ApiKeyAuth").getName())
                .isEqualTo("X-API-Key");
        assertThat(spec.getComponents().getSecuritySchemes().get("BearerAuth").getScheme())
                .isEqualTo("bearer");
        assertThat(spec.getSecurity()).hasSize(2);
        apiOperations.forEach((name, op) -> assertThat(op.getSecurity())
                .as(name + " must not override security")
                .isNull());
    }

    /** What any request can get, whatever the operation: the server answers these before or around the operation. */
    static final List<String> EVERY_OPERATION_STATUSES =
            List.of("400", "401", "403", "405", "406", "414", "429", "431", "500", "503");
    /** What any request with a body can get besides. */
    static final List<String> BODY_STATUSES = List.of("413", "415", "422");
    /** What a probe can get: no key, so no 401 or 403; no Accept negotiation, so no 406. */
    static final List<String> PROBE_STATUSES = List.of("400", "405", "414", "431", "500");

    @Test
    void everyOperationListsEveryStatusTheServerCanReturn() {
        apiOperations.forEach((name, op) -> {
            assertThat(op.getResponses()).as(name).containsKeys(EVERY_OPERATION_STATUSES.toArray(String[]::new));
            if (op.getRequestBody() != null) {
                assertThat(op.getResponses()).as(name).containsKeys(BODY_STATUSES.toArray(String[]::new));
            }
            assertThat(op.getResponses().get("405").getHeaders())
                    .as(name + " 405")
                    .containsKey("Allow");
            assertThat(op.getResponses().get("503").getHeaders())
                    .as(name + " 503")
                    .containsKey("Retry-After");
        });
        probes.forEach((name, op) -> {
            assertThat(op.getResponses()).as(name).containsKeys(PROBE_STATUSES.toArray(String[]::new));
            assertThat(op.getResponses().get("405").getHeaders())
                    .as(name + " 405")
                    .containsKey("Allow");
        });
        // Readiness is 503 while the database does not answer; liveness does no I/O, so it never is.
        assertThat(probes.get("GET /health").getResponses().get("503").getHeaders())
                .containsKey("Retry-After");
        assertThat(probes.get("GET /health/liveness").getResponses()).doesNotContainKey("503");
    }

    @Test
    void nullableEnumsListNullAmongTheirValues() {
        List<String> wrong = new ArrayList<>();
        spec.getComponents()
                .getSchemas()
                .forEach((name, schema) -> nullableEnums(name, schema, wrong, new java.util.IdentityHashMap<>()));
        assertThat(wrong)
                .as("nullable enums without null (strict validators then refuse every null)")
                .isEmpty();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void nullableEnums(String at, Schema<?> schema, List<String> wrong, Map<Schema<?>, Boolean> seen) {
        if (schema == null || seen.put(schema, true) != null) {
            return;
        }
        if (Boolean.TRUE.equals(schema.getNullable())
                && schema.getEnum() != null
                && !schema.getEnum().contains(null)) {
            wrong.add(at);
        }
        if (schema.getProperties() != null) {
            schema.getProperties()
                    .forEach((property, s) -> nullableEnums(at + "." + property, (Schema<?>) s, wrong, seen));
        }
        if (schema.getItems() != null) {
            nullableEnums(at + "[]", schema.getItems(), wrong, seen);
        }
    }

    @Test
    void theInfoHasALicenseAndServersAreNotPlaceholders() {
        assertThat(spec.getInfo().getLicense()).as("info.license").isNotNull();
        assertThat(spec.getInfo().getLicense().getName()).isNotBlank();
        spec.getServers().forEach(server -> assertThat(server.getUrl()).doesNotContain("example.com", "localhost"));
    }

    @Test
    void everyOperationDocumentsTheCommonStatusesAndHeaders() {
        operations.forEach((name, op) -> {
            assertThat(op.getResponses())
                    .as(name)
                    .containsKeys(
                            isProbe(op) ? new String[] {"400", "500"} : new String[] {"400", "401", "403", "500"});
            assertThat(op.getParameters())
                    .as(name)
                    .anySatisfy(p -> assertThat(p.getName()).isEqualTo("x-kycert-api-version"));
            op.getResponses().forEach((status, response) -> {
                assertThat(response.getHeaders())
                        .as(name + " " + status)
                        .containsKeys("X-Request-Id", "x-kycert-api-version");
                if (status.equals("401")) {
                    assertThat(response.getHeaders()).as(name).containsKey("WWW-Authenticate");
                }
                if (status.equals("201")) {
                    assertThat(response.getHeaders()).as(name).containsKey("Location");
                }
                if (!isProbe(op) && (status.startsWith("2") || status.equals("429"))) {
                    assertThat(response.getHeaders())
                            .as(name + " " + status)
                            .containsKeys("RateLimit-Policy", "RateLimit");
                }
                if (status.equals("429")) {
                    assertThat(response.getHeaders()).as(name).containsKey("Retry-After");
                }
            });
        });
        assertThat(operations.get("POST /api/v1/bureau/runs").getParameters())
                .anySatisfy(p -> assertThat(p.getName()).isEqualTo("Idempotency-Key"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyErrorResponseIsAProblemWithEnumeratedCodesAndAnExamplePerCode() {
        operations.forEach((name, op) -> op.getResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                return;
            }
            MediaType media = response.getContent().get("application/problem+json");
            assertThat(media).as(name + " " + status + " problem+json").isNotNull();
            assertThat(response.getContent()).as(name + " " + status).hasSize(1);
            Object codes = response.getExtensions() == null
                    ? null
                    : response.getExtensions().get("x-problem-codes");
            assertThat(codes).as(name + " " + status + " x-problem-codes").isInstanceOf(List.class);
            for (Object code : (List<Object>) codes) {
                assertThat(problemCodes).as(name + " " + status).contains(String.valueOf(code));
                assertThat(media.getExamples())
                        .as(name + " " + status + " example for " + code)
                        .containsKey(String.valueOf(code));
                Map<String, Object> example =
                        asMap(media.getExamples().get(String.valueOf(code)).getValue());
                assertThat(example.get("code")).isEqualTo(code);
                assertThat(String.valueOf(example.get("status"))).isEqualTo(status);
                assertThat(example.get("type")).isEqualTo("/problems/" + code);
                assertThat(example).containsKeys("title", "request_id");
            }
        }));
    }

    @Test
    void everyProblemCodeIsDocumentedSomewhere() {
        Set<String> used = new LinkedHashSet<>();
        operations
                .values()
                .forEach(op -> op.getResponses().values().forEach(r -> {
                    if (r.getExtensions() != null
                            && r.getExtensions().get("x-problem-codes") instanceof List<?> codes) {
                        codes.forEach(c -> used.add(String.valueOf(c)));
                    }
                }));
        String description = spec.getInfo().getDescription();
        for (String code : problemCodes) {
            assertThat(used.contains(code) || description.contains("`" + code + "`"))
                    .as("problem code " + code + " is used by an operation or described globally")
                    .isTrue();
        }
    }

    @Test
    void everySuccessResponseAndRequestBodyHasExamples() {
        operations.forEach((name, op) -> {
            op.getResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    MediaType json = response.getContent().get("application/json");
                    assertThat(json).as(name + " " + status).isNotNull();
                    assertThat(json.getExamples())
                            .as(name + " " + status + " examples")
                            .isNotEmpty();
                }
            });
            if (op.getRequestBody() != null) {
                assertThat(op.getRequestBody()
                                .getContent()
                                .get("application/json")
                                .getExamples())
                        .as(name)
                        .isNotEmpty();
            }
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void requestExamplesUseValidSandboxDocuments() {
        var examples = operations
                .get("POST /api/v1/bureau/runs")
                .getRequestBody()
                .getContent()
                .get("application/json")
                .getExamples();
        examples.forEach((name, example) -> {
            Map<String, Object> subject = asMap(asMap(example.getValue()).get("subject"));
            String doc = String.valueOf(subject.get("doc"))
                    .replaceAll("[./\\- ]", "")
                    .toUpperCase();
            if ("pf".equals(subject.get("type"))) {
                assertThat(Checks.validCpf(doc)).as(name + " " + doc).isTrue();
            } else {
                assertThat(Checks.validCnpj(doc)).as(name + " " + doc).isTrue();
            }
        });
    }

    @Test
    void requestSchemasRejectUnknownFieldsAndAllFieldsAreSnakeCase() {
        for (String request : List.of("CreateRunRequest", "SubjectInput")) {
            assertThat(spec.getComponents().getSchemas().get(request).getAdditionalProperties())
                    .as(request)
                    .isEqualTo(false);
        }
        spec.getComponents().getSchemas().forEach((name, schema) -> {
            if (schema.getProperties() != null) {
                schema.getProperties()
                        .keySet()
                        .forEach(field -> assertThat(String.valueOf(field))
                                .as(name + "." + field)
                                .matches("[a-z][a-z0-9_]*"));
            }
        });
        spec.getPaths()
                .keySet()
                .forEach(path -> assertThat((CharSequence) path).matches("(/([a-z0-9-]+|\\{[a-z_]+\\}))+"));
    }

    @Test
    void theApiVersionIsADateAndTheSpecVersionMatches() {
        List<String> versions = enumOf(spec.getComponents().getSchemas().get("ApiVersion"));
        assertThat(versions).allMatch(v -> v.matches("\\d{4}-\\d{2}-\\d{2}"));
        assertThat(versions).contains(spec.getInfo().getVersion());
    }

    /** Check digits, independent from the server's implementation. */
    static final class Checks {
        static boolean validCpf(String d) {
            if (!d.matches("\\d{11}") || d.chars().distinct().count() == 1) {
                return false;
            }
            for (int n = 9; n <= 10; n++) {
                int sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (d.charAt(i) - '0') * (n + 1 - i);
                }
                int r = sum % 11;
                if (d.charAt(n) - '0' != (r < 2 ? 0 : 11 - r)) {
                    return false;
                }
            }
            return true;
        }

        static boolean validCnpj(String d) {
            if (!d.matches("[0-9A-Z]{12}\\d{2}")) {
                return false;
            }
            int[] w1 = {5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
            int[] w2 = {6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
            for (int[] w : List.of(w1, w2)) {
                int sum = 0;
                for (int i = 0; i < w.length; i++) {
                    sum += (d.charAt(i) - 48) * w[i];
                }
                int r = sum % 11;
                if (d.charAt(w.length) - '0' != (r < 2 ? 0 : 11 - r)) {
                    return false;
                }
            }
            return true;
        }
    }
}
