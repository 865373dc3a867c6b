package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import br.com.kycert.docs.GuideBlocks.Block;
import br.com.kycert.docs.GuideBlocks.Expectation;
import br.com.kycert.docs.GuideBlocks.Guide;
import br.com.kycert.shared.Environment;
import br.com.kycert.support.Await;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every curl and SDK example of the guides, run against a real server (worker on, sandbox
 * fixtures) exactly as written, with the placeholders replaced by real values: a wrong example
 * fails the build.
 *
 * <p>The shell examples of a guide run in order in one bash session, so a variable one example sets
 * ({@code RUN_ID=...}) is there for the next, as it would be for a reader; operator CLI examples run
 * the real server jar against the test database. Each API call is checked against the status its
 * {@code <!-- example: ... -->} comment states (see {@link GuideBlocks}), and against the response
 * the guide shows right after it: same status, every field and header shown must exist. The Java
 * examples of a guide are compiled, as one program, against the real SDK and run.
 */
class GuideExamplesIT {

    /** Placeholders the guides use, and what stands for them here. */
    static final String LOCAL_URL = "http://localhost:8080";

    static final String KEY = "sk_test_...";
    static final String PF_TEMPLATE = "550e8400-e29b-41d4-a716-446655440000";
    static final String PJ_TEMPLATE = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    static final String RUN = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private static final Duration SHELL_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration JAVA_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\S+ (\\d{3})", Pattern.MULTILINE);
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final String SHELL_PRELUDE = """
            set -euo pipefail
            # Every curl call also dumps its headers and keeps its body, so that the test can check them.
            __kycert_call=0
            curl() {
              __kycert_call=$((__kycert_call + 1))
              local at="$KYCERT_EXAMPLE_OUT/$KYCERT_EXAMPLE_BLOCK.$__kycert_call"
              command curl --max-time 30 -D "$at.headers" "$@" | tee "$at.body"
            }
            """;

    static TestDatabase db;
    static TestServer server;
    static Fixtures fx;
    static Fixtures.Tenant tenant;
    static Fixtures.Key key;
    static Fixtures.Key spareKey;
    static UUID completedRun;
    static Path repo;
    static List<Guide> guides;

    @BeforeAll
    static void start() {
        List<String> absent = Stream.of("bash", "curl", "jq")
                .filter(tool -> HeadlessChromium.onPath(tool).isEmpty())
                .toList();
        if (!absent.isEmpty()) {
            String why =
                    "the guides' shell examples need " + String.join(", ", absent) + " (apt-get install -y curl jq)";
            if (HeadlessChromium.underCi()) {
                fail("CI is set but " + why);
            }
            Assumptions.abort("Skipped: " + why);
        }
        repo = Path.of(required("kycert.repo")).toAbsolutePath().normalize();
        guides = GuideBlocks.all(Path.of(required("kycert.guides")));
        db = TestDatabase.create();
        server = TestServer.start(db, Map.of("kycert.worker.enabled", true, "kycert.worker.poll-interval", "50ms"));
        fx = new Fixtures(server, db);
        tenant = fx.tenant("Corretora Exemplo");
        fx.approveDetail(tenant);
        key = fx.key(tenant, "runs:write", "runs:read", "detail:read");
        spareKey = fx.key(tenant, Environment.SANDBOX, null, "runs:read");
        completedRun = fx.run(key, tenant.pfTemplate(), "pf", Fixtures.CPF_PEP);
        awaitFinished(completedRun);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyCurlAndSdkExampleIsMarkedToRun() {
        List<String> unmarked = new ArrayList<>();
        int curl = 0;
        int java = 0;
        for (Guide guide : guides) {
            for (Block block : guide.blocks()) {
                if ((block.callsApi() || block.isJava()) && block.expectation().isEmpty()) {
                    unmarked.add(block.where() + " (" + block.language() + ")");
                }
                if (block.expectation().isPresent() && !block.isShell() && !block.isJava()) {
                    unmarked.add(
                            block.where() + ": only bash and java blocks can be examples, not " + block.language());
                }
                curl += block.callsApi() ? 1 : 0;
                java += block.isJava() ? 1 : 0;
            }
        }
        assertThat(unmarked)
                .as("curl and Java blocks without an <!-- example: ... --> comment on the line above")
                .isEmpty();
        assertThat(curl).as("curl examples found").isGreaterThanOrEqualTo(10);
        assertThat(java).as("Java examples found").isGreaterThanOrEqualTo(2);
    }

    @TestFactory
    Stream<DynamicTest> shellExamplesAnswerWhatTheGuidesSay() {
        return guides.stream()
                .filter(g -> g.blocks().stream()
                        .anyMatch(b -> b.isShell() && b.expectation().isPresent()))
                .map(g -> DynamicTest.dynamicTest(g.name(), () -> runShell(g)));
    }

    @TestFactory
    Stream<DynamicTest> sdkExamplesCompileAndRun() {
        return guides.stream()
                .filter(g -> g.blocks().stream()
                        .anyMatch(b -> b.isJava() && b.expectation().isPresent()))
                .map(g -> DynamicTest.dynamicTest(g.name(), () -> runJava(g)));
    }

    /** The fixture table of environments.md, row by row, against runs the server really processes. */
    @Test
    void theSandboxFixtureTableIsTrue() throws IOException {
        Pattern code = Pattern.compile("`([^`]+)`");
        Map<UUID, List<String>> rows = new LinkedHashMap<>();
        for (String line :
                Files.readAllLines(Path.of(required("kycert.guides"), "environments.md"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("| `pf` ") && !line.startsWith("| `pj` ")) {
                continue;
            }
            List<String> cells = List.of(
                            line.substring(1, line.lastIndexOf('|')).split("\\|"))
                    .stream()
                    .map(String::strip)
                    .toList();
            String type = cells.get(0).replace("`", "");
            rows.put(
                    fx.run(
                            key,
                            type.equals("pf") ? tenant.pfTemplate() : tenant.pjTemplate(),
                            type,
                            cells.get(1).replace("`", "")),
                    cells);
        }
        assertThat(rows).as("fixture rows in environments.md").hasSize(13);
        List<String> wrong = new ArrayList<>();
        Http http = server.http();
        for (Map.Entry<UUID, List<String>> row : rows.entrySet()) {
            awaitFinished(row.getKey());
            JsonNode run;
            try {
                run = JSON.readValue(
                        http.get("/api/v1/bureau/runs/" + row.getKey(), "X-API-Key", key.secret())
                                .body(),
                        JsonNode.class);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            List<String> cells = row.getValue();
            List<String> reasons = new ArrayList<>();
            run.get("reasons").values().forEach(r -> reasons.add(r.get("code").getStringValue()));
            Matcher documented = code.matcher(cells.get(6));
            List<String> documentedReasons = new ArrayList<>();
            while (documented.find()) {
                // Reason codes (they all have an underscore); not `compliance_alert: true` nor a source name.
                if (documented.group(1).matches("[a-z]+_[a-z_]+")) {
                    documentedReasons.add(documented.group(1));
                }
            }
            String actual = String.join(
                    " ",
                    run.get("status").getStringValue(),
                    run.get("decision").isNull() ? "null" : run.get("decision").getStringValue(),
                    run.get("completeness").getStringValue(),
                    "alert=" + run.get("compliance_alert").getBooleanValue(),
                    String.valueOf(reasons.stream().distinct().toList()));
            String expected = String.join(
                    " ",
                    cells.get(3).replace("`", ""),
                    cells.get(4).replace("`", ""),
                    cells.get(5).replace("`", ""),
                    "alert=" + cells.get(6).contains("compliance_alert: true"),
                    String.valueOf(documentedReasons));
            if (!actual.equals(expected)) {
                wrong.add(cells.get(1) + ": the guide says " + expected + ", the sandbox answers " + actual);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theCheckerCatchesAWrongExample() throws Exception {
        Guide wrong = GuideBlocks.parse(
                "wrong.md",
                String.join(
                        "\n",
                        "# Wrong",
                        "<!-- example: 200 -->",
                        "```bash",
                        "curl -s http://localhost:8080/api/v1/bureau/runs/" + RUN
                                + "/analysis -H \"X-API-Key: sk_test_...\"",
                        "```",
                        "```json",
                        "{\"run_id\": \"" + RUN + "\", \"verdict\": \"approved\"}",
                        "```",
                        "<!-- example: 201 -->",
                        "```bash",
                        "curl -s http://localhost:8080/api/v1/bureau/runs -H \"X-API-Key: sk_test_...\" -d '{}'",
                        "```"));
        List<String> failures = shell(wrong);
        assertThat(failures).anyMatch(f -> f.startsWith("wrong.md:6: shows fields") && f.contains("\"verdict\""));
        assertThat(failures).anyMatch(f -> f.startsWith("wrong.md:10: expected 201"));
        assertThat(failures).hasSize(2);
    }

    // ---- shell ----

    private static void runShell(Guide guide) throws Exception {
        List<String> failures = shell(guide);
        if (!failures.isEmpty()) {
            fail(failures.size() + " example(s) of " + guide.name() + " went wrong:\n\n"
                    + String.join("\n\n", failures));
        }
    }

    private static List<String> shell(Guide guide) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory("kycert-examples-");
        try {
            List<Integer> indexes = IntStream.range(0, guide.blocks().size())
                    .filter(i -> guide.blocks().get(i).isShell()
                            && guide.blocks().get(i).expectation().isPresent())
                    .boxed()
                    .toList();
            StringBuilder script = new StringBuilder(SHELL_PRELUDE);
            for (int i : indexes) {
                Block block = guide.blocks().get(i);
                script.append("\n# ---- ")
                        .append(block.where())
                        .append('\n')
                        .append("KYCERT_EXAMPLE_BLOCK=")
                        .append(i)
                        .append("; __kycert_call=0\n")
                        .append("exec >\"$KYCERT_EXAMPLE_OUT/")
                        .append(i)
                        .append(".stdout\" 2>\"$KYCERT_EXAMPLE_OUT/")
                        .append(i)
                        .append(".stderr\"\n")
                        .append(substitute(block.code()))
                        .append("\n: > \"$KYCERT_EXAMPLE_OUT/")
                        .append(i)
                        .append(".done\"\n");
            }
            Path file = out.resolve("examples.sh");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            ProcessBuilder bash = new ProcessBuilder("bash", file.toString())
                    .directory(repo.toFile())
                    .redirectOutput(out.resolve("bash.out").toFile())
                    .redirectError(out.resolve("bash.err").toFile());
            bash.environment().putAll(environment());
            bash.environment().put("KYCERT_EXAMPLE_OUT", out.toString());
            Process process = bash.start();
            boolean finished = process.waitFor(SHELL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }

            List<String> failures = new ArrayList<>();
            for (int i : indexes) {
                Block block = guide.blocks().get(i);
                String stdout = read(out.resolve(i + ".stdout"));
                if (!Files.exists(out.resolve(i + ".done"))) {
                    failures.add(block.where() + ": the example "
                            + (finished ? "failed" : "did not finish within " + SHELL_TIMEOUT)
                            + "\n--- example\n" + block.code() + "--- stdout\n" + tail(stdout) + "\n--- stderr\n"
                            + tail(read(out.resolve(i + ".stderr"))) + read(out.resolve("bash.err")));
                    break; // later examples build on this one
                }
                List<Call> calls = calls(out, i);
                check(block, block.expectation().orElseThrow(), calls, failures);
                Optional<Block> documented = guide.responses().get(i);
                if (documented.isPresent()) {
                    compare(
                            block,
                            documented.get(),
                            calls.isEmpty() ? null : calls.get(calls.size() - 1),
                            stdout,
                            failures);
                }
            }
            return failures;
        } finally {
            deleteQuietly(out);
        }
    }

    /** One HTTP exchange an example made. */
    record Call(int status, Map<String, String> headers, String body) {}

    private static List<Call> calls(Path out, int block) throws IOException {
        List<Call> calls = new ArrayList<>();
        for (int n = 1; Files.exists(out.resolve(block + "." + n + ".headers")); n++) {
            String headers = read(out.resolve(block + "." + n + ".headers"));
            Matcher m = STATUS_LINE.matcher(headers);
            int status = 0;
            int last = 0;
            while (m.find()) {
                status = Integer.parseInt(m.group(1));
                last = m.start();
            }
            Map<String, String> names = new LinkedHashMap<>();
            for (String line : headers.substring(last).split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    names.put(
                            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).strip());
                }
            }
            String body = read(out.resolve(block + "." + n + ".body"));
            if (body.startsWith("HTTP/")) { // curl -i: the headers are in the body too
                int end = body.lastIndexOf("\r\n\r\n");
                body = end < 0 ? "" : body.substring(end + 4);
            }
            calls.add(new Call(status, names, body));
        }
        return calls;
    }

    private static void check(Block block, Expectation expected, List<Call> calls, List<String> failures) {
        List<Integer> statuses = calls.stream().map(Call::status).toList();
        String got = "; it made " + calls.size() + " call(s) answering " + statuses + bodyOfLast(calls);
        if (expected.statuses().isEmpty()) {
            if (!calls.isEmpty()) {
                failures.add(block.where() + ": the example is marked as making no API call" + got);
            }
        } else if (expected.statuses().size() == 1) {
            if (calls.isEmpty()
                    || statuses.stream()
                            .anyMatch(s -> !s.equals(expected.statuses().get(0)))) {
                failures.add(block.where() + ": expected " + expected.statuses().get(0) + " for every call" + got);
            }
        } else if (!statuses.equals(expected.statuses())) {
            failures.add(block.where() + ": expected " + expected.statuses() + got);
        }
        if (!expected.codes().isEmpty() && !calls.isEmpty()) {
            String code = field(calls.get(calls.size() - 1).body(), "code");
            if (!expected.codes().contains(code)) {
                failures.add(block.where() + ": expected a problem with code " + expected.codes() + got);
            }
        }
    }

    /** The response a guide shows after an example: its status, headers and every field it shows must be real. */
    private static void compare(Block example, Block documented, Call call, String stdout, List<String> failures) {
        String text = documented.code();
        String json = text;
        if (documented.language().equals("http")) {
            Matcher status = STATUS_LINE.matcher(text);
            int blank = text.indexOf("\n\n");
            String head = blank < 0 ? text : text.substring(0, blank);
            json = blank < 0 ? "" : text.substring(blank + 2);
            if (call == null) {
                failures.add(documented.where() + ": shows an HTTP response, but the example before it made no call");
                return;
            }
            if (status.find() && Integer.parseInt(status.group(1)) != call.status()) {
                failures.add(documented.where() + ": shows status " + status.group(1) + " but " + example.where()
                        + " answered " + call.status());
            }
            for (String line : head.split("\n")) {
                int colon = line.indexOf(':');
                if (!line.startsWith("HTTP/") && colon > 0) {
                    String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    if (!call.headers().containsKey(name)) {
                        failures.add(documented.where() + ": shows the header " + name + ", which the response to "
                                + example.where() + " does not have (it has "
                                + call.headers().keySet() + ")");
                    }
                }
            }
        }
        if (json.isBlank()) {
            return;
        }
        JsonNode shown;
        try {
            shown = JSON.readValue(json, JsonNode.class);
        } catch (IOException e) {
            failures.add(documented.where() + ": the response shown is not valid JSON: " + e.getMessage());
            return;
        }
        JsonNode actual;
        try {
            actual = JSON.readValue(call != null ? call.body() : stdout, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            if (call != null) {
                failures.add(example.where() + ": the response is not JSON: " + tail(call.body()));
            }
            return; // an example that prints something else than the JSON shown (e.g. a table)
        }
        List<String> missing = new ArrayList<>();
        missingFields(shown, actual, "", missing);
        if (!missing.isEmpty()) {
            failures.add(
                    documented.where() + ": shows fields the real response to " + example.where() + " does not have: "
                            + missing + "\n--- real response\n" + tail(call != null ? call.body() : stdout));
        }
    }

    private static void missingFields(JsonNode shown, JsonNode actual, String path, List<String> missing) {
        if (shown.isObject()) {
            if (!actual.isObject()) {
                missing.add((path.isEmpty() ? "$" : path) + " (not an object)");
                return;
            }
            for (Map.Entry<String, JsonNode> field : shown.entries()) {
                if (field.getKey().equals("...")) {
                    continue; // an abbreviation in the guide
                }
                JsonNode value = actual.get(field.getKey());
                if (value == null) {
                    missing.add("\"" + field.getKey() + "\"" + (path.isEmpty() ? "" : " in " + path));
                } else if (!value.isNull()) {
                    missingFields(field.getValue(), value, path + "." + field.getKey(), missing);
                }
            }
        } else if (shown.isArray() && actual.isArray() && actual.size() > 0) {
            // A guide may shorten a list: each element shown must match some real element.
            for (int i = 0; i < shown.size(); i++) {
                List<String> closest = null;
                for (JsonNode candidate : actual.values()) {
                    List<String> gaps = new ArrayList<>();
                    missingFields(shown.get(i), candidate, path + "[" + i + "]", gaps);
                    if (closest == null || gaps.size() < closest.size()) {
                        closest = gaps;
                    }
                }
                missing.addAll(closest);
            }
        }
    }

    // ---- Java ----

    private static void runJava(Guide guide) throws Exception {
        List<Block> blocks = guide.blocks().stream()
                .filter(b -> b.isJava() && b.expectation().isPresent())
                .toList();
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (Block block : blocks) {
            // A compile-only example is type-checked with the rest but never executed.
            boolean compileOnly = block.expectation().orElseThrow().compileOnly();
            body.append("        // ---- ")
                    .append(block.where())
                    .append(compileOnly ? " (compile only)\n        if (false) {\n" : "\n");
            for (String line : substitute(block.code()).split("\n")) {
                if (line.strip().startsWith("import ")) {
                    imports.append(line.strip()).append('\n');
                } else {
                    body.append("        ").append(line).append('\n');
                }
            }
            body.append(compileOnly ? "        }\n" : "");
        }
        String className =
                "GuideExample_" + guide.name().replaceFirst("\\.md$", "").replaceAll("\\W", "_");
        String source = imports + "\npublic class " + className
                + " {\n    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n";

        Path dir = Files.createTempDirectory("kycert-sdk-example-");
        try {
            Path file = dir.resolve(className + ".java");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            boolean compiled;
            try (StandardJavaFileManager files =
                    javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                compiled = javac.getTask(
                                null,
                                files,
                                diagnostics,
                                List.of(
                                        "-classpath",
                                        System.getProperty("java.class.path"),
                                        "-d",
                                        dir.toString(),
                                        "-proc:none",
                                        "-encoding",
                                        "UTF-8",
                                        "-Xlint:none"),
                                null,
                                files.getJavaFileObjects(file))
                        .call();
            }
            if (!compiled) {
                String errors = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n"));
                fail("The Java examples of " + guide.name() + " do not compile against the SDK:\n" + errors
                        + "\n--- as one program\n" + numbered(source));
            }
            if (blocks.stream().allMatch(b -> b.expectation().orElseThrow().compileOnly())) {
                return;
            }
            Path output = dir.resolve("run.out");
            ProcessBuilder program = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            dir + File.pathSeparator + System.getProperty("java.class.path"),
                            className)
                    .directory(repo.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            program.environment().putAll(environment());
            Process process = program.start();
            if (!process.waitFor(JAVA_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("The Java examples of " + guide.name() + " did not finish within " + JAVA_TIMEOUT + ":\n"
                        + tail(read(output)));
            }
            assertThat(process.exitValue())
                    .as(
                            "the Java examples of %s, run as one program, end normally; output:%n%s%n--- program%n%s",
                            guide.name(), tail(read(output)), numbered(source))
                    .isZero();
        } finally {
            deleteQuietly(dir);
        }
    }

    // ---- shared ----

    /** What a reader has set up when they reach the examples: a key, a tenant, a template, a run. */
    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KYCERT_API_KEY", key.secret());
        env.put("TENANT_ID", tenant.id().toString());
        env.put("TEMPLATE_ID", tenant.pfTemplate().toString());
        env.put("RUN_ID", completedRun.toString());
        env.put("KEY_ID", spareKey.id().toString());
        // The operator CLI examples reach the test database.
        env.put("DATASOURCES_DEFAULT_URL", db.url());
        env.put("DATASOURCES_DEFAULT_USERNAME", TestDatabase.USER);
        env.put("DATASOURCES_DEFAULT_PASSWORD", TestDatabase.PASSWORD);
        // As bin/kycert and bin/serve set it on a development machine.
        env.put("KYCERT_DEVELOPMENT", "true");
        env.put("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        env.put("LC_ALL", "C.UTF-8");
        return env;
    }

    static String substitute(String code) {
        return code.replace(LOCAL_URL, server.baseUrl())
                .replace(KEY, key.secret())
                .replace(PF_TEMPLATE, tenant.pfTemplate().toString())
                .replace(PJ_TEMPLATE, tenant.pjTemplate().toString())
                .replace(RUN, completedRun.toString());
    }

    private static void awaitFinished(UUID run) {
        Http http = server.http();
        Await.until(
                "run " + run + " to finish",
                Duration.ofSeconds(20),
                () -> field(
                        http.get("/api/v1/bureau/runs/" + run, "X-API-Key", key.secret())
                                .body(),
                        "status"),
                status -> List.of("completed", "failed").contains(status));
    }

    private static String field(String json, String name) {
        try {
            JsonNode node = JSON.readValue(json, JsonNode.class);
            JsonNode value = node.isObject() ? node.get(name) : null;
            return value == null || !value.isString() ? null : value.getStringValue();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String bodyOfLast(List<Call> calls) {
        return calls.isEmpty()
                ? ""
                : "\n--- last response\n" + tail(calls.get(calls.size() - 1).body());
    }

    private static String numbered(String source) {
        String[] lines = source.split("\n");
        return IntStream.range(0, lines.length)
                .mapToObj(i -> String.format("%3d  %s", i + 1, lines[i]))
                .collect(Collectors.joining("\n"));
    }

    private static String tail(String text) {
        return text.length() <= 3000 ? text : "..." + text.substring(text.length() - 3000);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "system property " + property + " is not set (see server/pom.xml, failsafe)");
        }
        return value;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temp directory is not worth failing a test for
        }
    }
}
