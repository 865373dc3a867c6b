package br.com.kycert.contract.support;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What openapi/kycert.yaml documents: operations, their statuses and the problem codes of each response. */
public final class Spec {

    /**
     * One documented operation. {@code problemCodes} maps each documented status to its {@code x-problem-codes};
     * {@code roles} are the scopes it requires ({@code x-roles}).
     */
    public record Operation(
            String id,
            String method,
            String pathTemplate,
            Pattern pathPattern,
            Map<Integer, Set<String>> problemCodes,
            List<String> roles) {

        public Set<Integer> statuses() {
            return problemCodes.keySet();
        }
    }

    private final Path file;
    private final List<Operation> operations;

    private Spec(Path file, List<Operation> operations) {
        this.file = file;
        this.operations = operations;
    }

    /** The spec named by the {@code kycert.spec} system property, else found from the working directory. */
    public static Path location() {
        String configured = System.getProperty("kycert.spec");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate : List.of(dir.resolve("../openapi/kycert.yaml"), dir.resolve("openapi/kycert.yaml"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("openapi/kycert.yaml not found: set -Dkycert.spec=/path/to/kycert.yaml");
    }

    public static Spec load(Path file) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result =
                new OpenAPIV3Parser().readLocation(file.toUri().toString(), null, options);
        OpenAPI api = result.getOpenAPI();
        if (api == null
                || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new IllegalStateException("The spec does not parse cleanly: " + result.getMessages());
        }
        List<Operation> operations = new ArrayList<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, op) -> operations.add(operation(api, path, method, op))));
        return new Spec(file, List.copyOf(operations));
    }

    private static Operation operation(
            OpenAPI api, String path, PathItem.HttpMethod method, io.swagger.v3.oas.models.Operation op) {
        Map<Integer, Set<String>> codes = new LinkedHashMap<>();
        op.getResponses().forEach((status, response) -> {
            if (!status.matches("[1-5][0-9][0-9]")) {
                throw new IllegalStateException(
                        op.getOperationId() + ": the suite only understands explicit statuses, not " + status);
            }
            codes.put(Integer.parseInt(status), problemCodes(api, response));
        });
        Pattern pattern = Pattern.compile("^" + path.replaceAll("\\{[^/}]+}", "[^/]+") + "$");
        Object roles = op.getExtensions() == null ? null : op.getExtensions().get("x-roles");
        List<String> scopes = new ArrayList<>();
        if (roles instanceof Collection<?> list) {
            list.forEach(r -> scopes.add(String.valueOf(r)));
        }
        return new Operation(
                op.getOperationId(),
                method.name(),
                path,
                pattern,
                Collections.unmodifiableMap(codes),
                List.copyOf(scopes));
    }

    private static Set<String> problemCodes(OpenAPI api, ApiResponse response) {
        ApiResponse resolved = response;
        if (response.get$ref() != null) {
            String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
            resolved = api.getComponents().getResponses().get(name);
            if (resolved == null) {
                throw new IllegalStateException("Unresolvable response " + response.get$ref());
            }
        }
        Object codes = resolved.getExtensions() == null
                ? null
                : resolved.getExtensions().get("x-problem-codes");
        Set<String> out = new LinkedHashSet<>();
        if (codes instanceof Collection<?> list) {
            list.forEach(c -> out.add(String.valueOf(c)));
        }
        return Collections.unmodifiableSet(out);
    }

    public Path file() {
        return file;
    }

    public List<Operation> operations() {
        return operations;
    }

    public Operation operation(String id) {
        return operations.stream()
                .filter(o -> o.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation " + id + " in the spec"));
    }

    /** The operation serving this method and path (no query), if the spec documents one. */
    public Optional<Operation> match(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        return operations.stream()
                .filter(o ->
                        o.method().equals(m) && o.pathPattern().matcher(path).matches())
                .findFirst();
    }
}
