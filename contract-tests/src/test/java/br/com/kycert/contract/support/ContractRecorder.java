package br.com.kycert.contract.support;

import br.com.kycert.versions.ApiVersionCatalog;
import br.com.kycert.versions.SpecVersions;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every request/response pair the suite makes (raw client and SDK alike) and validates each one against
 * the spec with swagger-request-validator, plus a few checks the spec states in prose (a problem's {@code type}
 * is {@code /problems/<code>}, its {@code status} is the HTTP status, its {@code request_id} is the request's).
 */
public final class ContractRecorder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Spec spec;
    private final ValidationErrorsWhitelist whitelist;
    private final Map<String, OpenApiInteractionValidator> olderVersions = new ConcurrentHashMap<>();
    private final OpenApiInteractionValidator validator;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final AtomicInteger deliberatelyInvalid = new AtomicInteger();
    private volatile String currentTest = "(outside a test)";

    public ContractRecorder(Spec spec) {
        this(spec, SpecTolerances.whitelist());
    }

    public ContractRecorder(Spec spec, ValidationErrorsWhitelist whitelist) {
        this.spec = spec;
        this.whitelist = whitelist;
        this.validator = OpenApiInteractionValidator.createFor(spec.file().toString())
                .withWhitelist(whitelist)
                .withStrictOperationPathMatching()
                .build();
    }

    public Spec spec() {
        return spec;
    }

    /** Names the test whose requests are recorded from now on (the SDK's go through another thread). */
    public void currentTest(String name) {
        this.currentTest = name;
    }

    /** A scope in which requests are knowingly invalid (bad JSON, wrong media type...): only responses are checked. */
    public Scope deliberatelyInvalidRequests() {
        deliberatelyInvalid.incrementAndGet();
        return deliberatelyInvalid::decrementAndGet;
    }

    /** Closes without checked exceptions. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public Exchange record(
            String origin,
            String method,
            URI uri,
            Map<String, List<String>> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody) {
        return record(
                origin,
                "-",
                method,
                uri.getRawPath(),
                uri.getRawQuery(),
                requestHeaders,
                requestBody,
                status,
                responseHeaders,
                responseBody);
    }

    /**
     * Validates and records one exchange. {@code rawPath} and {@code rawQuery} are as sent on the wire (still
     * percent-encoded, possibly not even a valid URI); {@code server} names the server that answered.
     */
    public Exchange record(
            String origin,
            String server,
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody) {
        String path = rawPath;
        String query = rawQuery;
        boolean invalidRequest = deliberatelyInvalid.get() > 0;
        String operationId = spec.match(method, path).map(Spec.Operation::id).orElse(null);
        Optional<JsonNode> problem = problem(responseHeaders, responseBody);
        String code = problem.map(p -> p.path("code").asText(null)).orElse(null);

        List<String> violations = new ArrayList<>();
        List<String> tolerated = new ArrayList<>();
        ValidationReport report;
        try {
            report = validate(
                    method,
                    path,
                    query,
                    requestHeaders,
                    requestBody,
                    status,
                    responseHeaders,
                    responseBody,
                    invalidRequest);
        } catch (RuntimeException e) {
            report = ValidationReport.singleton(ValidationReport.Message.create(
                            "contract.validator.crashed", "the validator could not check this exchange: " + e)
                    .build());
        }
        for (ValidationReport.Message m : report.getMessages()) {
            String text = render(m);
            if (m.getLevel() == ValidationReport.Level.ERROR || m.getLevel() == ValidationReport.Level.WARN) {
                violations.add(text);
            } else if (m.getContext()
                    .flatMap(ValidationReport.MessageContext::getAppliedWhitelistRule)
                    .isPresent()) {
                tolerated.add(
                        m.getContext().get().getAppliedWhitelistRule().get().getName() + " :: " + text);
            }
        }
        problem.ifPresent(p -> proseChecks(p, status, responseHeaders, violations));

        synchronized (this) {
            Exchange exchange = new Exchange(
                    exchanges.size() + 1,
                    origin,
                    server,
                    currentTest,
                    method,
                    path,
                    query,
                    copy(requestHeaders),
                    requestBody,
                    status,
                    copy(responseHeaders),
                    responseBody,
                    operationId,
                    code,
                    invalidRequest,
                    List.copyOf(violations),
                    List.copyOf(tolerated));
            exchanges.add(exchange);
            return exchange;
        }
    }

    /**
     * What the validator says about a request alone (no response): empty when the spec allows it. Used to check
     * that a generated negative request really breaks the schema it was derived from.
     */
    public List<String> requestViolations(
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> requestHeaders,
            String requestBody) {
        SimpleRequest.Builder request =
                new SimpleRequest.Builder(Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), rawPath);
        requestHeaders.forEach(request::withHeader);
        queryParams(rawQuery).forEach(request::withQueryParam);
        if (requestBody != null && !requestBody.isEmpty()) {
            request.withBody(requestBody);
        }
        List<String> out = new ArrayList<>();
        try {
            for (ValidationReport.Message m :
                    validator.validateRequest(request.build()).getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR || m.getLevel() == ValidationReport.Level.WARN) {
                    out.add(render(m));
                }
            }
        } catch (RuntimeException e) {
            out.add("contract.validator.crashed: " + e);
        }
        return out;
    }

    /**
     * The validator of the version that served the exchange (its {@code x-kycert-api-version}): the hand-written spec
     * for the latest, the server's own derivation ({@code SpecVersions}, also served at
     * {@code /openapi.yaml?version=}) for every older one.
     */
    private OpenApiInteractionValidator validatorFor(Map<String, List<String>> responseHeaders) {
        String served = responseHeaders.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("x-kycert-api-version")
                        && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
        if (served == null || served.equals(ApiVersionCatalog.latest())) {
            return validator;
        }
        return olderVersions.computeIfAbsent(
                served,
                version -> SpecVersions.render(version).map(this::validatorOf).orElse(validator));
    }

    private OpenApiInteractionValidator validatorOf(byte[] yaml) {
        try {
            Path file = Files.createTempFile("kycert-spec-", ".yaml");
            Files.write(file, yaml);
            file.toFile().deleteOnExit();
            return OpenApiInteractionValidator.createFor(file.toString())
                    .withWhitelist(whitelist)
                    .withStrictOperationPathMatching()
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ValidationReport validate(
            String method,
            String path,
            String query,
            Map<String, List<String>> requestHeaders,
            String requestBody,
            int status,
            Map<String, List<String>> responseHeaders,
            String responseBody,
            boolean requestIsDeliberatelyInvalid) {
        OpenApiInteractionValidator validator = validatorFor(responseHeaders);
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        responseHeaders.forEach(response::withHeader);
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        Request.Method m = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        if (requestIsDeliberatelyInvalid) {
            return validator.validateResponse(path, m, response.build());
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(m, path);
        requestHeaders.forEach(request::withHeader);
        queryParams(query).forEach(request::withQueryParam);
        if (requestBody != null && !requestBody.isEmpty()) {
            request.withBody(requestBody);
        }
        return validator.validate(request.build(), response.build());
    }

    /** What the spec says in prose about every problem, checked on every problem response. */
    private static void proseChecks(
            JsonNode problem, int status, Map<String, List<String>> headers, List<String> violations) {
        String code = problem.path("code").asText(null);
        if (code != null && !("/problems/" + code).equals(problem.path("type").asText(null))) {
            violations.add("contract: problem type " + problem.path("type") + " is not /problems/" + code);
        }
        if (problem.path("status").asInt(-1) != status) {
            violations.add(
                    "contract: problem status " + problem.path("status") + " differs from the HTTP status " + status);
        }
        String requestId = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("X-Request-Id"))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .orElse(null);
        if (requestId != null && !requestId.equals(problem.path("request_id").asText(null))) {
            violations.add("contract: problem request_id " + problem.path("request_id") + " differs from X-Request-Id "
                    + requestId);
        }
    }

    private static Optional<JsonNode> problem(Map<String, List<String>> headers, String body) {
        boolean isProblem = headers.entrySet().stream()
                .anyMatch(e -> e.getKey().equalsIgnoreCase("Content-Type")
                        && e.getValue().stream()
                                .anyMatch(v -> v.toLowerCase(Locale.ROOT).startsWith("application/problem+json")));
        if (!isProblem || body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String render(ValidationReport.Message m) {
        StringBuilder out = new StringBuilder(m.getKey()).append(": ").append(m.getMessage());
        m.getContext()
                .flatMap(ValidationReport.MessageContext::getPointers)
                .ifPresent(p -> out.append(" (instance ")
                        .append(p.getInstance().isEmpty() ? "/" : p.getInstance())
                        .append(")"));
        m.getAdditionalInfo().forEach(i -> out.append(" | ").append(i));
        m.getNestedMessages()
                .forEach(n -> out.append(" | nested: ")
                        .append(n.getKey())
                        .append(": ")
                        .append(n.getMessage()));
        return out.toString();
    }

    private static Map<String, List<String>> queryParams(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** Percent-decodes as a server would; text that is not valid percent-encoding is kept as it is. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** A position to pass to {@link #since(int)}. */
    public synchronized int mark() {
        return exchanges.size();
    }

    public synchronized List<Exchange> since(int mark) {
        return List.copyOf(exchanges.subList(mark, exchanges.size()));
    }

    /** The most recent exchange made by {@code origin}. */
    public synchronized Exchange last(String origin) {
        for (int i = exchanges.size() - 1; i >= 0; i--) {
            if (exchanges.get(i).origin().equals(origin)) {
                return exchanges.get(i);
            }
        }
        throw new AssertionError("no " + origin + " exchange recorded");
    }
}
