package br.com.kycert.docs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The facts the guides must agree with, read from {@code openapi/kycert.yaml}. */
final class Spec {

    /** One operation of the spec. */
    record Operation(String id, String method, String path, List<String> roles) {
        /** How the guides write it: {@code GET /api/v1/bureau/runs/{id}}. */
        String route() {
            return method + " " + path;
        }
    }

    private static final Pattern STATUS_AND_CODE = Pattern.compile("(\\d{3}) `([a-z_]+)`");
    private static OpenAPI cached;

    private Spec() {}

    static synchronized OpenAPI api() {
        if (cached == null) {
            String location = System.getProperty("kycert.spec");
            if (location == null || location.isBlank()) {
                throw new IllegalStateException("system property kycert.spec is not set (see docs/pom.xml)");
            }
            ParseOptions options = new ParseOptions();
            options.setResolve(false); // keep $refs, so response components can be found by name
            SwaggerParseResult result = new OpenAPIV3Parser().readLocation(location, null, options);
            if (result.getOpenAPI() == null) {
                throw new IllegalStateException("cannot read " + location + ": " + result.getMessages());
            }
            cached = result.getOpenAPI();
        }
        return cached;
    }

    static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        api().getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, op) -> operations.add(new Operation(
                                op.getOperationId(), method.name(), path, strings(op.getExtensions(), "x-roles")))));
        return operations;
    }

    /** The spec's path templates. */
    static Set<String> paths() {
        return new TreeSet<>(api().getPaths().keySet());
    }

    /** scope → the routes whose {@code x-roles} name it. */
    static Map<String, Set<String>> routesByScope() {
        Map<String, Set<String>> routes = new TreeMap<>();
        for (Operation op : operations()) {
            for (String role : op.roles()) {
                if (!role.contains(":")) {
                    continue; // isAuthenticated(): any valid key, no scope
                }
                routes.computeIfAbsent(role, r -> new TreeSet<>()).add(op.route());
            }
        }
        return routes;
    }

    /** The {@code ProblemCode} enum, in spec order. */
    static List<String> problemCodes() {
        return api().getComponents().getSchemas().get("ProblemCode").getEnum().stream()
                .map(String::valueOf)
                .toList();
    }

    /**
     * code → every status the spec gives it: from the {@code x-problem-codes} of each operation's
     * responses, and from the "404 `route_not_found`" phrases of the API description (codes any
     * request may get).
     */
    static Map<String, Set<Integer>> statusesByCode() {
        Map<String, Set<Integer>> statuses = new TreeMap<>();
        Map<String, ApiResponse> components = api().getComponents().getResponses();
        for (PathItem item : api().getPaths().values()) {
            item.readOperations()
                    .forEach(op -> op.getResponses().forEach((status, response) -> {
                        ApiResponse resolved = response.get$ref() == null
                                ? response
                                : Objects.requireNonNull(
                                        components.get(response.get$ref()
                                                .substring(response.get$ref().lastIndexOf('/') + 1)),
                                        response.get$ref());
                        for (String code : strings(resolved.getExtensions(), "x-problem-codes")) {
                            statuses.computeIfAbsent(code, c -> new TreeSet<>()).add(Integer.parseInt(status));
                        }
                    }));
        }
        Matcher m = STATUS_AND_CODE.matcher(api().getInfo().getDescription());
        while (m.find()) {
            statuses.computeIfAbsent(m.group(2), c -> new TreeSet<>()).add(Integer.parseInt(m.group(1)));
        }
        return statuses;
    }

    /** The published versions: the {@code ApiVersion} enum. */
    static List<String> apiVersions() {
        return api().getComponents().getSchemas().get("ApiVersion").getEnum().stream()
                .map(String::valueOf)
                .toList();
    }

    /** version → status (current, deprecated...) from {@code info.x-api-versions}. */
    static Map<String, String> versionStatuses() {
        Map<String, String> statuses = new TreeMap<>();
        Object list = api().getInfo().getExtensions().get("x-api-versions");
        for (Object entry : (List<?>) list) {
            Map<?, ?> version = (Map<?, ?>) entry;
            statuses.put(
                    String.valueOf(version.get("version")),
                    String.valueOf(version.get("status")).toLowerCase(Locale.ROOT));
        }
        return statuses;
    }

    private static List<String> strings(Map<String, Object> extensions, String name) {
        if (extensions == null || !extensions.containsKey(name)) {
            return List.of();
        }
        return ((List<?>) extensions.get(name)).stream().map(String::valueOf).toList();
    }
}
