package br.com.kycert.contract.support;

import br.com.kycert.contract.support.RawSocketHttp.Header;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Negative requests generated from the spec. For every operation, starting from a request that succeeds (the
 * operation's documented parameters with valid values, the key it needs, the body of its first request example),
 * each case changes exactly one thing according to the schema it breaks:
 * <ul>
 *   <li>every parameter (path, query, header): wrong type, out of range, over {@code maxLength} and a 4 000-character
 *       value, empty, not in the enum (and the enum value in upper case), not a UUID, not an RFC 3339 date-time,
 *       not matching the pattern, invalid UTF-8, a NUL character, invalid percent-encoding, the parameter twice;</li>
 *   <li>an unknown query parameter;</li>
 *   <li>every security scheme: no key in several disguises (empty, blank, another scheme), malformed, mistyped,
 *       invalid UTF-8 and oversized keys, two different keys (the header twice, or both headers);</li>
 *   <li>every body property, recursively: each wrong JSON type, missing when required, an unknown field at each
 *       object, not in the enum, not a UUID, too short, too long, 1 MiB long, a NUL character, invalid UTF-8;</li>
 *   <li>the body as a whole: not JSON, truncated, trailing data, two documents, empty, JSON of the wrong type,
 *       invalid UTF-8, deeply nested; media types the operation does not accept, none, an unknown encoding;</li>
 *   <li>transport limits: a request line and a header block over 8 KiB.</li>
 * </ul>
 * Every case expects a documented 4xx problem: the {@link Expect} of a case narrows it where the spec says which
 * (e.g. 400 {@code invalid_api_version} for a bad version, 413 for a 1 MiB body, 400 naming an unknown field).
 */
public final class NegativeInputs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_VERSION_HEADER = "x-kycert-api-version";
    private static final String UNKNOWN = "nmae_typo";
    /** Replaced by invalid UTF-8 bytes after serialisation. */
    private static final String BAD_UTF8_MARKER = "\uE000bad-utf8\uE000";

    private static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
    private static final int HUGE_PARAMETER = 4_000;
    private static final int ONE_MIB = 1 << 20;

    /** What a negative case must get back: always a documented 4xx problem; more precisely, when set, these. */
    public record Expect(Set<Integer> statuses, String code, String errorCode, String errorField) {

        static Expect documented4xx() {
            return new Expect(Set.of(), null, null, null);
        }

        static Expect status(int status, String code) {
            return new Expect(Set.of(status), code, null, null);
        }

        /** A bad field: request syntax (400) or field validation (422), never a later check (404...). */
        static Expect inputError() {
            return new Expect(Set.of(400, 422), null, null, null);
        }

        Expect naming(String errorCode, String field) {
            return new Expect(statuses, code, errorCode, field);
        }

        @Override
        public String toString() {
            return (statuses.isEmpty() ? "a documented 4xx" : statuses.toString())
                    + (code == null ? "" : " " + code)
                    + (errorCode == null ? "" : " with errors[] " + errorCode + " on " + errorField);
        }
    }

    /**
     * One negative request.
     *
     * @param target the request target as sent (raw path and query)
     * @param schemaViolation the case breaks a schema of the spec, so the validator must refuse the request too
     *     (false when only the spec's prose forbids it: unknown parameters, encodings, keys, limits)
     */
    public record Case(
            String operationId,
            String name,
            String method,
            String target,
            List<Header> headers,
            byte[] body,
            Expect expect,
            boolean schemaViolation) {

        public Map<String, List<String>> headerMap() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            headers.forEach(
                    h -> out.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(h.text()));
            return out;
        }

        public String bodyText() {
            return body == null ? null : new String(body, StandardCharsets.UTF_8);
        }

        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        public String query() {
            int q = target.indexOf('?');
            return q < 0 ? null : target.substring(q + 1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What the generator needs from the running world to build requests that succeed but for one change. */
    public interface Context {
        /** A key with the scopes of this operation. */
        String key(String operationId);

        /** A value of this path parameter that exists (e.g. a completed run the key can read). */
        String pathValue(String operationId, String parameter);

        /** The body to send, from the operation's first request example (e.g. with a real template id). */
        ObjectNode body(String operationId, ObjectNode example);
    }

    private final OpenAPI api;
    private final Context context;

    private NegativeInputs(OpenAPI api, Context context) {
        this.api = api;
        this.context = context;
    }

    /** The spec with every {@code $ref} inlined, as the generator walks it. */
    public static OpenAPI parse(Path spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result =
                new OpenAPIV3Parser().readLocation(spec.toUri().toString(), null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("The spec does not parse: " + result.getMessages());
        }
        return result.getOpenAPI();
    }

    /** The valid request each operation's cases start from, one per operation (they must succeed). */
    public static List<Case> baselines(OpenAPI api, Context context) {
        NegativeInputs g = new NegativeInputs(api, context);
        List<Case> out = new ArrayList<>();
        g.forEachOperation((path, method, op) -> {
            Base base = g.base(path, method, op);
            out.add(new Case(
                    op.getOperationId(),
                    op.getOperationId() + " · baseline",
                    method,
                    base.target(),
                    base.headers(),
                    base.body(),
                    null,
                    false));
        });
        return out;
    }

    /** Every negative case of every operation, in spec order. */
    public static List<Case> generate(OpenAPI api, Context context) {
        NegativeInputs g = new NegativeInputs(api, context);
        List<Case> out = new ArrayList<>();
        g.forEachOperation((path, method, op) -> out.addAll(g.cases(path, method, op)));
        return out;
    }

    @FunctionalInterface
    private interface OperationVisitor {
        void visit(String path, String method, Operation op);
    }

    private void forEachOperation(OperationVisitor visitor) {
        api.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().forEach((method, op) -> visitor.visit(path, method.name(), op)));
    }

    // ---------------------------------------------------------------- the valid request

    /** The valid request: path parameters filled, the key, and for a body its JSON. */
    private record Base(
            String opId,
            String method,
            String pathTemplate,
            Map<String, String> pathValues,
            String keyHeader,
            String key,
            ObjectNode json) {

        String path() {
            String path = pathTemplate;
            for (Map.Entry<String, String> e : pathValues.entrySet()) {
                path = path.replace("{" + e.getKey() + "}", e.getValue());
            }
            return path;
        }

        String target() {
            return path();
        }

        List<Header> headers() {
            List<Header> headers = new ArrayList<>();
            if (key != null) {
                headers.add(Header.of(keyHeader, key));
            }
            if (json != null) {
                headers.add(Header.of("Content-Type", "application/json"));
            }
            return headers;
        }

        List<Header> headersWithout(String name) {
            return new ArrayList<>(headers().stream()
                    .filter(h -> !h.name().equalsIgnoreCase(name))
                    .toList());
        }

        byte[] body() {
            return json == null ? null : bytes(json);
        }
    }

    private Base base(String path, String method, Operation op) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (Parameter p : parameters(op)) {
            if ("path".equals(p.getIn())) {
                pathValues.put(p.getName(), context.pathValue(op.getOperationId(), p.getName()));
            }
        }
        ObjectNode json = null;
        MediaType media = jsonBody(op);
        if (media != null) {
            json = context.body(op.getOperationId(), firstExample(media));
        }
        return new Base(
                op.getOperationId(),
                method,
                path,
                pathValues,
                apiKeyHeader(),
                isProbe(op) ? null : context.key(op.getOperationId()),
                json);
    }

    /**
     * A health probe ({@code security: []}): no key, and none of the API's request checks (unknown query parameters,
     * {@code Accept}) but the version header's.
     */
    static boolean isProbe(Operation op) {
        return op.getSecurity() != null && op.getSecurity().isEmpty();
    }

    private List<Parameter> parameters(Operation op) {
        return op.getParameters() == null ? List.of() : op.getParameters();
    }

    private static MediaType jsonBody(Operation op) {
        if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
            return null;
        }
        return op.getRequestBody().getContent().get("application/json");
    }

    private static ObjectNode firstExample(MediaType media) {
        Object value = null;
        if (media.getExamples() != null && !media.getExamples().isEmpty()) {
            Example first = media.getExamples().values().iterator().next();
            value = first.getValue();
        } else if (media.getExample() != null) {
            value = media.getExample();
        }
        if (value == null) {
            throw new IllegalStateException("The request body needs an example to build valid requests from");
        }
        JsonNode node = Json.mapper().valueToTree(value);
        return (ObjectNode) node.deepCopy();
    }

    private String apiKeyHeader() {
        return api.getComponents().getSecuritySchemes().values().stream()
                .filter(s -> s.getType() == SecurityScheme.Type.APIKEY && s.getIn() == SecurityScheme.In.HEADER)
                .map(SecurityScheme::getName)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no API key header in the spec's security schemes"));
    }

    // ---------------------------------------------------------------- the cases

    private List<Case> cases(String path, String method, Operation op) {
        Base base = base(path, method, op);
        List<Case> out = new ArrayList<>();
        for (Parameter p : parameters(op)) {
            out.addAll(parameterCases(base, op, p));
        }
        if (isProbe(op)) {
            out.addAll(transportCases(base, op));
            out.addAll(edgeCases(base, op));
            return out;
        }
        out.add(new Case(
                base.opId(),
                name(base, "query " + UNKNOWN, "unknown query parameter"),
                method,
                base.target() + "?" + UNKNOWN + "=1",
                base.headers(),
                base.body(),
                Expect.status(400, "invalid_request").naming("unknown_parameter", UNKNOWN),
                false));
        out.addAll(securityCases(base));
        MediaType media = jsonBody(op);
        if (media != null) {
            out.addAll(bodyCases(base, media.getSchema(), base.json(), new ArrayList<>()));
            out.addAll(wholeBodyCases(base, op));
        }
        out.addAll(transportCases(base, op));
        out.addAll(edgeCases(base, op));
        return out;
    }

    /**
     * Issue 14's classes of input no well-behaved client sends: methods in the wrong case or that the path does not
     * take, Accept headers that refuse JSON, two different keys, data after the body, Unicode that is not, and a
     * document in a parameter name (never echoed back).
     */
    private List<Case> edgeCases(Base base, Operation op) {
        List<Case> out = new ArrayList<>();
        Expect methodNotAllowed = Expect.status(405, "method_not_allowed");
        out.add(new Case(
                base.opId(),
                name(base, "method", "lower-case " + base.method().toLowerCase(Locale.ROOT)),
                base.method().toLowerCase(Locale.ROOT),
                base.target(),
                base.headers(),
                base.body(),
                methodNotAllowed,
                false));
        // PUT, PATCH, OPTIONS and DELETE on these paths are no operation the spec's validator could judge an answer
        // against: the server's EdgeCasesIT checks their 405 + Allow.
        Expect notAcceptable = Expect.status(406, "not_acceptable");
        List<String> refusedAccepts = isProbe(op)
                ? List.of()
                : List.of("application/json;q=0, text/html", "text/html", "application/xml", "*/*;q=0");
        for (String accept : refusedAccepts) {
            List<Header> headers = base.headers();
            headers.add(Header.of("Accept", accept));
            out.add(new Case(
                    base.opId(),
                    name(base, "negotiation", "Accept: " + accept),
                    base.method(),
                    base.target(),
                    headers,
                    base.body(),
                    notAcceptable,
                    false));
        }
        List<Header> twoVersions = base.headers();
        twoVersions.add(Header.of(API_VERSION_HEADER, "2026-06-03"));
        twoVersions.add(Header.of(API_VERSION_HEADER, "1999-01-01"));
        out.add(new Case(
                base.opId(),
                name(base, "duplicate headers", "two different " + API_VERSION_HEADER + " headers"),
                base.method(),
                base.target(),
                twoVersions,
                base.body(),
                Expect.documented4xx(),
                false));
        if (isProbe(op)) {
            return out;
        }
        out.add(new Case(
                base.opId(),
                name(base, "query cpf_…", "unknown query parameter named after a CPF"),
                base.method(),
                base.target() + "?cpf_90000000175=1",
                base.headers(),
                base.body(),
                Expect.status(400, "invalid_request"),
                false));
        if (base.json() != null) {
            String text = new String(base.body(), StandardCharsets.UTF_8);
            Expect syntax = Expect.status(400, "invalid_request");
            for (String trailing : List.of("}]", "/* */", "// comment", "\n{\"a\":1}", ",")) {
                out.add(whole(
                        base,
                        "trailing " + trailing.replace("\n", "\\n"),
                        (text + trailing).getBytes(StandardCharsets.UTF_8),
                        syntax,
                        false));
            }
            Expect encoding = Expect.status(400, "invalid_encoding");
            int name = text.indexOf("\"name\":\"");
            if (name >= 0) {
                int at = name + "\"name\":\"".length();
                out.add(whole(
                        base,
                        "lone surrogate escape \\ud800 in a string",
                        (text.substring(0, at) + "\\ud800" + text.substring(at)).getBytes(StandardCharsets.UTF_8),
                        encoding,
                        false));
                out.add(whole(
                        base,
                        "lone low surrogate escape \\udc00 in a string",
                        (text.substring(0, at) + "x\\udc00" + text.substring(at)).getBytes(StandardCharsets.UTF_8),
                        encoding,
                        false));
                byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
                byte[] tail = text.substring(at).getBytes(StandardCharsets.UTF_8);
                out.add(whole(
                        base,
                        "overlong UTF-8 (C0 AF)",
                        concat(concat(head, new byte[] {(byte) 0xC0, (byte) 0xAF}), tail),
                        encoding,
                        false));
                out.add(whole(
                        base,
                        "UTF-8 encoded surrogate (ED A0 80)",
                        concat(concat(head, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), tail),
                        encoding,
                        false));
            }
            out.add(whole(base, "UTF-16LE body", text.getBytes(StandardCharsets.UTF_16LE), encoding, false));
            out.add(whole(
                    base,
                    "UTF-16 body with a byte order mark",
                    text.getBytes(StandardCharsets.UTF_16),
                    encoding,
                    false));
            out.add(whole(
                    base,
                    "UTF-8 byte order mark",
                    concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, base.body()),
                    encoding,
                    false));
        }
        return out;
    }

    private static String name(Base base, String where, String what) {
        return base.opId() + " · " + where + " · " + what;
    }

    /** One bad value of a parameter: how it goes on the wire, and whether the parameter's schema forbids it. */
    private record Value(String label, String wire, byte[] headerBytes, boolean schemaViolation) {
        static Value text(String label, String value, boolean schemaViolation) {
            return new Value(label, encode(value), value.getBytes(StandardCharsets.UTF_8), schemaViolation);
        }

        static Value raw(String label, String wire, byte[] headerBytes, boolean schemaViolation) {
            return new Value(label, wire, headerBytes, schemaViolation);
        }
    }

    private List<Case> parameterCases(Base base, Operation op, Parameter p) {
        List<Case> out = new ArrayList<>();
        Schema<?> s = p.getSchema();
        String where = p.getIn() + " " + p.getName();
        boolean header = "header".equals(p.getIn());
        Expect expect = p.getName().equalsIgnoreCase(API_VERSION_HEADER)
                ? Expect.status(400, "invalid_api_version")
                // A malformed cursor parameter is invalid_request, a well-formed one the API did not issue
                // invalid_cursor.
                : "cursor".equals(p.getName())
                        ? new Expect(Set.of(400), null, null, null)
                        : Expect.status(400, "invalid_request");
        for (Value v : values(s, p.getIn())) {
            if (header && v.headerBytes() == null) {
                continue;
            }
            if (!header
                    && (v.wire() == null
                            || ("path".equals(p.getIn()) && v.wire().isEmpty()))) {
                continue; // an empty path segment addresses another route, not this parameter
            }
            String target = base.target();
            List<Header> headers = base.headers();
            switch (p.getIn()) {
                case "path" -> target = base.path().replace(base.pathValues().get(p.getName()), v.wire());
                case "query" -> target = target + "?" + p.getName() + "=" + v.wire();
                case "header" -> {
                    headers = base.headersWithout(p.getName());
                    headers.add(new Header(p.getName(), v.headerBytes()));
                }
                default -> throw new IllegalStateException("parameter in " + p.getIn());
            }
            out.add(new Case(
                    base.opId(),
                    name(base, where, v.label()),
                    base.method(),
                    target,
                    headers,
                    base.body(),
                    expect,
                    v.schemaViolation()));
        }
        if ("query".equals(p.getIn()) && "cursor".equals(p.getName())) {
            // Cursors are opaque ("do not build it yourself"): any string the server did not issue is refused.
            for (Value v : List.of(
                    Value.text("forged", "not-a-cursor", false),
                    Value.text("the spec's example (not issued by this server)", String.valueOf(p.getExample()), false),
                    Value.text(
                            "forged base64 JSON",
                            java.util.Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(
                                            "{\"c\":\"2026-06-03T12:00:00Z\",\"i\":\"00000000-0000-0000-0000-000000000000\"}"
                                                    .getBytes(StandardCharsets.UTF_8)),
                            false),
                    Value.text(
                            "forged unsigned position (v1:<micros>:<uuid>)",
                            java.util.Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString("v1:1780488000000000:00000000-0000-0000-0000-000000000000"
                                            .getBytes(StandardCharsets.UTF_8)),
                            false),
                    Value.text(
                            "forged signed-looking cursor",
                            java.util.Base64.getUrlEncoder()
                                            .withoutPadding()
                                            .encodeToString("v2:1780488000000000:00000000-0000-0000-0000-000000000000"
                                                    .getBytes(StandardCharsets.UTF_8))
                                    + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                            false))) {
                out.add(new Case(
                        base.opId(),
                        name(base, where, v.label()),
                        base.method(),
                        base.target() + "?" + p.getName() + "=" + v.wire(),
                        base.headers(),
                        base.body(),
                        Expect.status(400, "invalid_cursor"),
                        false));
            }
        }
        if ("query".equals(p.getIn())) {
            List<String> valid = validValues(s, p.getExample());
            String twice = p.getName() + "=" + encode(valid.get(0)) + "&" + p.getName() + "="
                    + encode(valid.get(valid.size() - 1));
            out.add(new Case(
                    base.opId(),
                    name(base, where, "given twice"),
                    base.method(),
                    base.target() + "?" + twice,
                    base.headers(),
                    base.body(),
                    expect,
                    true));
        }
        return out;
    }

    /** Bad values for a parameter of this schema, in {@code in} (path, query or header). */
    private static List<Value> values(Schema<?> s, String in) {
        List<Value> out = new ArrayList<>();
        String type = type(s);
        boolean header = "header".equals(in);
        if ("integer".equals(type) || "number".equals(type)) {
            out.add(Value.text("wrong type (text)", "abc", true));
            out.add(Value.text("wrong type (boolean)", "true", true));
            if ("integer".equals(type)) {
                out.add(Value.text("wrong type (decimal)", "1.5", true));
            }
            if (s.getMinimum() != null) {
                out.add(Value.text(
                        "below minimum", s.getMinimum().subtract(BigDecimal.ONE).toPlainString(), true));
            }
            if (s.getMaximum() != null) {
                out.add(Value.text(
                        "above maximum", s.getMaximum().add(BigDecimal.ONE).toPlainString(), true));
            }
            if ("int32".equals(s.getFormat())) {
                out.add(Value.text("int32 overflow", "2147483648", true));
            }
            out.add(Value.text("huge number (" + HUGE_PARAMETER + " digits)", "9".repeat(HUGE_PARAMETER), true));
            out.add(Value.text("empty", "", true));
        } else if ("string".equals(type)) {
            if (s.getEnum() != null && !s.getEnum().isEmpty()) {
                out.add(Value.text("not in the enum", "bogus_value", true));
                String first = String.valueOf(s.getEnum().get(0));
                if (!first.toUpperCase(Locale.ROOT).equals(first)) {
                    out.add(Value.text("enum value in upper case", first.toUpperCase(Locale.ROOT), true));
                }
            }
            if ("uuid".equals(s.getFormat())) {
                out.add(Value.text("not a UUID", "not-a-uuid", true));
                out.add(Value.text("UUID without hyphens", "3fa85f6457174562b3fc2c963f66afa6", true));
                out.add(Value.text("UUID with a character too many", "3fa85f64-5717-4562-b3fc-2c963f66afa60", true));
                // swagger-request-validator, like java.util.UUID, accepts it: not a schema violation to it.
                out.add(Value.text("UUID with short groups (1-1-1-1-1)", "1-1-1-1-1", false));
            }
            if ("date-time".equals(s.getFormat())) {
                out.add(Value.text("not a date-time", "yesterday", true));
                out.add(Value.text("date-time with month 13", "2026-13-01T00:00:00Z", true));
                out.add(Value.text("date without time", "2026-06-01", true));
                out.add(Value.text("date-time without offset", "2026-06-01T00:00:00", true));
            }
            boolean constrained = s.getEnum() != null
                    || s.getFormat() != null
                    || s.getPattern() != null
                    || (s.getMinLength() != null && s.getMinLength() > 0);
            if (constrained) {
                out.add(Value.text("empty", "", true));
            }
            if (s.getMaxLength() != null) {
                out.add(Value.text(
                        "over maxLength (" + (s.getMaxLength() + 1) + ")", "x".repeat(s.getMaxLength() + 1), true));
            }
            boolean hugeBreaksSchema = constrained || (s.getMaxLength() != null && s.getMaxLength() < HUGE_PARAMETER);
            out.add(Value.text(
                    "huge (" + HUGE_PARAMETER + " characters)", "x".repeat(HUGE_PARAMETER), hugeBreaksSchema));
            if (s.getPattern() != null) {
                Pattern pattern = Pattern.compile(s.getPattern());
                for (String bad : List.of("has spaces", "tab\there", "cl\u00e9")) {
                    if (!pattern.matcher(bad).find()) {
                        out.add(Value.text(
                                "not matching " + s.getPattern() + " (" + bad.replace("\t", "\\t") + ")", bad, true));
                    }
                }
            }
            // What no schema can say, but no server may choke on.
            out.add(Value.raw("invalid UTF-8", "%C3%28%FF%FE", BAD_UTF8, false));
            if (!header) {
                out.add(Value.raw("NUL character", "a%00b", null, false));
                out.add(Value.raw("invalid percent-encoding", "%ZZ", null, false));
            }
        }
        return out;
    }

    /** One or two valid values of a parameter (from its example and enum), to send it twice. */
    private static List<String> validValues(Schema<?> s, Object example) {
        List<String> out = new ArrayList<>();
        if (s.getEnum() != null && s.getEnum().size() > 1) {
            out.add(String.valueOf(s.getEnum().get(0)));
            out.add(String.valueOf(s.getEnum().get(1)));
        } else if (example != null) {
            out.add(String.valueOf(example));
        } else if (s.getExample() != null) {
            out.add(String.valueOf(s.getExample()));
        } else if (s.getDefault() != null) {
            out.add(String.valueOf(s.getDefault()));
        } else {
            throw new IllegalStateException("a parameter needs an example: " + s);
        }
        return out;
    }

    private List<Case> securityCases(Base base) {
        List<Case> out = new ArrayList<>();
        String key = base.key();
        char last = key.charAt(key.length() - 1);
        String mistyped = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
        Expect missing = Expect.status(401, "missing_api_key");
        Expect invalid = Expect.status(401, "invalid_api_key");
        for (Map.Entry<String, SecurityScheme> e :
                api.getComponents().getSecuritySchemes().entrySet()) {
            SecurityScheme scheme = e.getValue();
            String where = "security " + e.getKey();
            List<Header> headers = base.headersWithout(base.keyHeader());
            if (scheme.getType() == SecurityScheme.Type.APIKEY && scheme.getIn() == SecurityScheme.In.HEADER) {
                String h = scheme.getName();
                out.add(security(base, where, "empty " + h, headers, Header.of(h, ""), missing));
                out.add(security(base, where, "blank " + h, headers, Header.of(h, "   "), missing));
                out.add(security(base, where, "malformed key", headers, Header.of(h, "sk_test_0123456789"), invalid));
                out.add(security(base, where, "mistyped key (bad checksum)", headers, Header.of(h, mistyped), invalid));
                out.add(security(
                        base,
                        where,
                        "key of another kind (sk_prod_)",
                        headers,
                        Header.of(h, key.replaceFirst("^sk_[a-z]+_", "sk_prod_")),
                        invalid));
                out.add(security(
                        base,
                        where,
                        "invalid UTF-8 key",
                        headers,
                        new Header(h, concat("sk_test_".getBytes(StandardCharsets.US_ASCII), BAD_UTF8)),
                        invalid));
                out.add(security(
                        base,
                        where,
                        "huge key (" + HUGE_PARAMETER + " characters)",
                        headers,
                        Header.of(h, "sk_test_" + "x".repeat(HUGE_PARAMETER)),
                        invalid));
                // A gateway appending its own key must not be overridden by one the client sent: two different
                // keys are refused, whichever comes first.
                List<Header> keyFirst = new ArrayList<>(headers);
                keyFirst.add(Header.of(h, key));
                out.add(security(
                        base, where, "two different " + h + " headers", keyFirst, Header.of(h, mistyped), invalid));
                List<Header> otherFirst = new ArrayList<>(headers);
                otherFirst.add(Header.of(h, mistyped));
                out.add(security(
                        base,
                        where,
                        "two different " + h + " headers, the valid one last",
                        otherFirst,
                        Header.of(h, key),
                        invalid));
            } else if (scheme.getType() == SecurityScheme.Type.HTTP && "bearer".equalsIgnoreCase(scheme.getScheme())) {
                out.add(security(
                        base,
                        where,
                        "another scheme (Basic)",
                        headers,
                        Header.of("Authorization", "Basic dXNlcjpwYXNzd29yZA=="),
                        missing));
                out.add(security(
                        base, where, "Bearer without a token", headers, Header.of("Authorization", "Bearer"), missing));
                out.add(security(
                        base,
                        where,
                        "malformed Bearer token",
                        headers,
                        Header.of("Authorization", "Bearer sk_test_0123456789"),
                        invalid));
                out.add(security(
                        base,
                        where,
                        "mistyped Bearer token",
                        headers,
                        Header.of("Authorization", "Bearer " + mistyped),
                        invalid));
                List<Header> withKey = new ArrayList<>(headers);
                withKey.add(Header.of(base.keyHeader(), key));
                out.add(security(
                        base,
                        where,
                        "Bearer token different from the " + base.keyHeader() + " key",
                        withKey,
                        Header.of("Authorization", "Bearer " + mistyped),
                        invalid));
            }
        }
        return out;
    }

    private static Case security(
            Base base, String where, String what, List<Header> headers, Header bad, Expect expect) {
        List<Header> all = new ArrayList<>(headers);
        all.add(bad);
        return new Case(
                base.opId(), name(base, where, what), base.method(), base.target(), all, base.body(), expect, false);
    }

    /** Cases for the body property at {@code path} (empty: the body itself) of schema {@code s}, value {@code node}. */
    private List<Case> bodyCases(Base base, Schema<?> s, JsonNode node, List<String> path) {
        List<Case> out = new ArrayList<>();
        String type = type(s);
        if ("object".equals(type)) {
            Map<String, Schema> properties = s.getProperties() == null ? Map.of() : s.getProperties();
            if (Boolean.FALSE.equals(s.getAdditionalProperties())) {
                List<String> unknown = append(path, UNKNOWN);
                out.add(bodyCase(
                        base,
                        unknown,
                        "unknown field",
                        with(base.json(), unknown, JsonNodeFactory.instance.textNode("x")),
                        Expect.status(400, "invalid_request").naming("unknown_field", String.join(".", unknown)),
                        true));
            }
            if (s.getRequired() != null) {
                for (String required : s.getRequired()) {
                    List<String> at = append(path, required);
                    out.add(bodyCase(
                            base, at, "missing required field", without(base.json(), at), Expect.inputError(), true));
                }
            }
            for (Map.Entry<String, Schema> property : properties.entrySet()) {
                List<String> at = append(path, property.getKey());
                Schema<?> ps = property.getValue();
                JsonNode value = node == null ? null : node.get(property.getKey());
                out.addAll(wrongTypes(base, at, ps, value));
                out.addAll(bodyCases(base, ps, value, at));
            }
        } else if ("string".equals(type)) {
            String valid = node != null && node.isTextual() ? node.asText() : "x";
            Expect syntax = Expect.status(400, "invalid_request");
            if (s.getEnum() != null && !s.getEnum().isEmpty()) {
                out.add(stringCase(base, path, "not in the enum", "bogus_value", syntax, true));
                String upper = String.valueOf(s.getEnum().get(0)).toUpperCase(Locale.ROOT);
                if (!s.getEnum().contains(upper)) {
                    out.add(stringCase(base, path, "enum value in upper case", upper, syntax, true));
                }
            }
            if ("uuid".equals(s.getFormat())) {
                out.add(stringCase(base, path, "not a UUID", "not-a-uuid", syntax, true));
                // swagger-request-validator, like java.util.UUID, accepts 1-1-1-1-1: not a schema violation to it.
                out.add(stringCase(base, path, "UUID with short groups (1-1-1-1-1)", "1-1-1-1-1", syntax, false));
                out.add(stringCase(base, path, "empty", "", syntax, true));
            }
            if (s.getMinLength() != null && s.getMinLength() > 0) {
                out.add(stringCase(
                        base, path, "under minLength (empty)", "", new Expect(Set.of(422), null, null, null), true));
            }
            if (s.getMaxLength() != null) {
                out.add(stringCase(
                        base,
                        path,
                        "over maxLength (" + (s.getMaxLength() + 1) + ")",
                        "x".repeat(s.getMaxLength() + 1),
                        new Expect(Set.of(422), null, null, null),
                        true));
            }
            out.add(stringCase(
                    base,
                    path,
                    "1 MiB string",
                    "x".repeat(ONE_MIB),
                    Expect.status(413, "request_too_large"),
                    s.getMaxLength() != null || s.getFormat() != null || s.getEnum() != null));
            out.add(stringCase(base, path, "NUL character", valid + "\u0000", Expect.inputError(), false));
            out.add(stringCase(
                    base, path, "invalid UTF-8", BAD_UTF8_MARKER, Expect.status(400, "invalid_encoding"), false));
        }
        return out;
    }

    /** The JSON value kinds a property of this schema must not have. */
    private List<Case> wrongTypes(Base base, List<String> at, Schema<?> s, JsonNode valid) {
        List<Case> out = new ArrayList<>();
        String type = type(s);
        JsonNodeFactory f = JsonNodeFactory.instance;
        Map<String, JsonNode> kinds = new LinkedHashMap<>();
        kinds.put("string", f.textNode("x"));
        kinds.put("number", f.numberNode(123));
        kinds.put("boolean", f.booleanNode(true));
        kinds.put("object", f.objectNode());
        ArrayNode array = f.arrayNode();
        array.add(valid == null ? f.textNode("x") : valid.deepCopy());
        kinds.put("array (of the valid value)", array);
        if (!Boolean.TRUE.equals(s.getNullable())) {
            kinds.put("null", f.nullNode());
        }
        kinds.forEach((kind, value) -> {
            if (!kind.startsWith(type)) {
                // A value of the wrong type is request syntax (400); null is a missing value (400 or 422).
                Expect expect = value.isNull() ? Expect.inputError() : Expect.status(400, "invalid_request");
                out.add(bodyCase(base, at, "wrong type (" + kind + ")", with(base.json(), at, value), expect, true));
            }
        });
        return out;
    }

    private Case stringCase(
            Base base, List<String> path, String what, String value, Expect expect, boolean schemaViolation) {
        return bodyCase(
                base,
                path,
                what,
                with(base.json(), path, JsonNodeFactory.instance.textNode(value)),
                expect,
                schemaViolation);
    }

    private Case bodyCase(
            Base base, List<String> path, String what, JsonNode body, Expect expect, boolean schemaViolation) {
        return new Case(
                base.opId(),
                name(base, "body /" + String.join("/", path), what),
                base.method(),
                base.target(),
                base.headers(),
                bytes(body),
                expect,
                schemaViolation);
    }

    private List<Case> wholeBodyCases(Base base, Operation op) {
        List<Case> out = new ArrayList<>();
        byte[] valid = base.body();
        String text = new String(valid, StandardCharsets.UTF_8);
        Expect syntax = Expect.status(400, "invalid_request");
        out.add(whole(base, "not JSON", "{bad json".getBytes(StandardCharsets.UTF_8), syntax, true));
        out.add(whole(base, "truncated JSON", Arrays.copyOf(valid, valid.length - 1), syntax, true));
        // The validator reads the first JSON document and ignores what follows: not schema violations to it.
        out.add(whole(
                base,
                "trailing data after the JSON",
                (text + " trailing").getBytes(StandardCharsets.UTF_8),
                syntax,
                false));
        out.add(whole(base, "two JSON documents", (text + "{}").getBytes(StandardCharsets.UTF_8), syntax, false));
        out.add(whole(base, "empty", new byte[0], syntax, true));
        for (String json : List.of("null", "[]", "123", "\"text\"", "true")) {
            out.add(whole(
                    base,
                    "JSON " + json + " instead of an object",
                    json.getBytes(StandardCharsets.UTF_8),
                    syntax,
                    true));
        }
        out.add(whole(
                base,
                "invalid UTF-8",
                concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, valid),
                Expect.status(400, "invalid_encoding"),
                false));
        out.add(whole(
                base,
                "nested 20 000 deep (40 KB)",
                ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8),
                syntax,
                true));

        Set<String> accepted = op.getRequestBody().getContent().keySet();
        Expect media = Expect.status(415, "unsupported_media_type");
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            if (!accepted.contains(type)) {
                List<Header> headers = base.headersWithout("Content-Type");
                headers.add(Header.of("Content-Type", type));
                out.add(new Case(
                        base.opId(),
                        name(base, "media type", "Content-Type " + type),
                        base.method(),
                        base.target(),
                        headers,
                        valid,
                        media,
                        true));
            }
        }
        out.add(new Case(
                base.opId(),
                name(base, "media type", "no Content-Type"),
                base.method(),
                base.target(),
                base.headersWithout("Content-Type"),
                valid,
                media,
                false));
        List<Header> garbage = base.headersWithout("Content-Type");
        garbage.add(Header.of("Content-Type", "garbage"));
        out.add(new Case(
                base.opId(),
                name(base, "media type", "Content-Type garbage (not a media type)"),
                base.method(),
                base.target(),
                garbage,
                valid,
                new Expect(Set.of(400, 415), null, null, null),
                false));
        List<Header> gzip = base.headers();
        gzip.add(Header.of("Content-Encoding", "gzip"));
        out.add(new Case(
                base.opId(),
                name(base, "media type", "Content-Encoding gzip on a plain body"),
                base.method(),
                base.target(),
                gzip,
                valid,
                Expect.documented4xx(),
                false));
        return out;
    }

    private static Case whole(Base base, String what, byte[] body, Expect expect, boolean schemaViolation) {
        return new Case(
                base.opId(),
                name(base, "body", what),
                base.method(),
                base.target(),
                base.headers(),
                body,
                expect,
                schemaViolation);
    }

    /** A request line and a header block over the 8 KiB that HTTP servers commonly accept. */
    private List<Case> transportCases(Base base, Operation op) {
        List<Case> out = new ArrayList<>();
        String longTarget;
        if (!base.pathValues().isEmpty()) {
            Map.Entry<String, String> first =
                    base.pathValues().entrySet().iterator().next();
            longTarget = base.path().replace(first.getValue(), "a".repeat(9_000));
        } else {
            String query = parameters(op).stream()
                    .filter(p -> "query".equals(p.getIn()))
                    .map(Parameter::getName)
                    .findFirst()
                    .orElse(UNKNOWN);
            longTarget = base.target() + "?" + query + "=" + "a".repeat(9_000);
        }
        out.add(new Case(
                base.opId(),
                name(base, "transport", "request line over 8 KiB"),
                base.method(),
                longTarget,
                base.headers(),
                base.body(),
                Expect.status(414, "uri_too_long"),
                false));
        List<Header> headers = base.headers();
        headers.add(Header.of("X-Padding", "x".repeat(9_000)));
        out.add(new Case(
                base.opId(),
                name(base, "transport", "header block over 8 KiB"),
                base.method(),
                base.target(),
                headers,
                base.body(),
                Expect.status(431, "headers_too_large"),
                false));
        // Not valid HTTP, refused by the edge before any route: a space in the request line, a control character in a
        // header value.
        Expect notHttp = Expect.status(400, "invalid_request");
        out.add(new Case(
                base.opId(),
                name(base, "transport", "space in the request target"),
                base.method(),
                base.target() + (base.target().contains("?") ? "&" : "?") + "q=a b",
                base.headers(),
                base.body(),
                notHttp,
                false));
        List<Header> control = base.headers();
        control.add(Header.of("X-Note", "a\u0001b"));
        out.add(new Case(
                base.opId(),
                name(base, "transport", "control character (U+0001) in a header value"),
                base.method(),
                base.target(),
                control,
                base.body(),
                notHttp,
                false));
        return out;
    }

    // ---------------------------------------------------------------- JSON helpers

    private static String type(Schema<?> s) {
        if (s.getType() != null) {
            return s.getType();
        }
        if (s.getTypes() != null && !s.getTypes().isEmpty()) {
            return s.getTypes().iterator().next();
        }
        return s.getProperties() != null ? "object" : "unknown";
    }

    private static List<String> append(List<String> path, String name) {
        List<String> out = new ArrayList<>(path);
        out.add(name);
        return out;
    }

    /** A copy of {@code root} with the value at {@code path} replaced (or added). */
    private static JsonNode with(ObjectNode root, List<String> path, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        ObjectNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = (ObjectNode) parent.get(path.get(i));
        }
        parent.set(path.get(path.size() - 1), value);
        return copy;
    }

    private static JsonNode without(ObjectNode root, List<String> path) {
        ObjectNode copy = root.deepCopy();
        ObjectNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = (ObjectNode) parent.get(path.get(i));
        }
        parent.remove(path.get(path.size() - 1));
        return copy;
    }

    /** Serialises; the invalid-UTF-8 marker becomes invalid UTF-8 bytes. */
    private static byte[] bytes(JsonNode json) {
        try {
            byte[] utf8 = JSON.writeValueAsBytes(json);
            byte[] marker = BAD_UTF8_MARKER.getBytes(StandardCharsets.UTF_8);
            int at = indexOf(utf8, marker);
            if (at < 0) {
                return utf8;
            }
            return concat(
                    Arrays.copyOf(utf8, at),
                    concat(BAD_UTF8, Arrays.copyOfRange(utf8, at + marker.length, utf8.length)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Percent-encodes for a path segment or query value (spaces as %20). */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
