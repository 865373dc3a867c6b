package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractEnvironment;
import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a new integrator does, end to end: install the SDK with the documented command into an empty local
 * repository, then build and run {@code examples/sdk-quickstart} (plain Maven, only the SDK's coordinates) against a
 * real server, and read the decision it prints.
 *
 * <p>Both builds run with the checkout's {@code ./mvnw}, offline: each gets its own empty
 * {@code -Dmaven.repo.local}, with the shared local repository chained behind it read-only
 * ({@code -Dmaven.repo.local.tail}, Maven 3.9), so nothing is downloaded and nothing is written to the shared one.
 * The example's repository receives only the SDK's installed files (the installed POM itself is checked to have no
 * parent and only the three runtime dependencies). The installing build runs on a
 * copy of the checkout, so it never touches the {@code target/} directories of the build running this test.
 */
class ExampleProjectIT extends ContractTest {

    static final String SDK_VERSION = "0.2.0";
    static final String SDK_PATH = "br/com/kycert/kycert-client-sdk/" + SDK_VERSION + "/";
    static final Set<String> SKIPPED = Set.of("target", ".git", "node_modules", ".idea");

    static Path work;
    static Path checkout;

    @BeforeAll
    static void prepare() throws IOException {
        work = Files.createTempDirectory("kycert-example-");
        checkout = work.resolve("checkout");
        copyTree(Path.of(required("kycert.repo")), checkout);
        assertThat(checkout.resolve("mvnw")).as("the checkout's Maven Wrapper").isExecutable();
    }

    @AfterAll
    static void cleanUp() {
        deleteQuietly(work);
    }

    @Test
    void theDocumentedInstallThenTheExamplePrintsASandboxDecision() throws Exception {
        // 1. The documented command (client-sdk/README.md, Install), into an empty repository.
        Path installed = work.resolve("install-repo");
        Result install = maven(checkout, installed, Map.of(), "-pl", "client-sdk", "-am", "install", "-DskipTests");
        assertThat(install.exit())
                .as("mvn install of the SDK:%n%s", install.output())
                .isZero();

        Path sdk = installed.resolve(SDK_PATH);
        String pom = Files.readString(sdk.resolve("kycert-client-sdk-" + SDK_VERSION + ".pom"), StandardCharsets.UTF_8);
        assertThat(pom)
                .as("the installed POM is flattened")
                .doesNotContain("<parent>")
                .doesNotContain("micronaut")
                .doesNotContain("junit")
                .doesNotContain("assertj");
        assertThat(dependencies(pom))
                .containsExactlyInAnyOrder(
                        "com.fasterxml.jackson.core:jackson-databind",
                        "com.fasterxml.jackson.datatype:jackson-datatype-jsr310",
                        "jakarta.annotation:jakarta.annotation-api");
        assertThat(pom).as("every dependency has its version written out").doesNotContain("${");
        try (JarFile sources = new JarFile(sdk.resolve("kycert-client-sdk-" + SDK_VERSION + "-sources.jar")
                        .toFile());
                JarFile javadoc = new JarFile(sdk.resolve("kycert-client-sdk-" + SDK_VERSION + "-javadoc.jar")
                        .toFile())) {
            assertThat(sources.getEntry("br/com/kycert/client/KycertClient.java"))
                    .isNotNull();
            assertThat(sources.getEntry("br/com/kycert/client/model/Run.java"))
                    .as("generated sources too")
                    .isNotNull();
            assertThat(javadoc.getEntry("br/com/kycert/client/KycertClient.html"))
                    .isNotNull();
            assertThat(javadoc.getEntry("br/com/kycert/client/model/Run.html")).isNotNull();
        }

        // 2. The example, in a repository holding only the SDK (its dependencies come from the chained one).
        Path consumerRepo = work.resolve("consumer-repo");
        copyTree(sdk, consumerRepo.resolve(SDK_PATH));
        Path example = work.resolve("sdk-quickstart");
        copyTree(checkout.resolve("examples/sdk-quickstart"), example);
        ContractEnvironment env = workerEnv();
        World w = env.world();
        Result run = maven(
                example,
                consumerRepo,
                Map.of(
                        "KYCERT_API_KEY", w.full.secret(),
                        "KYCERT_BASE_URL", env.sdkBaseUrl(),
                        "KYCERT_TEMPLATE_ID", w.alfa.pfTemplate().toString()),
                "-q",
                "compile",
                "exec:java");
        assertThat(run.exit()).as("the example:%n%s", run.output()).isZero();
        Matcher printed =
                Pattern.compile("(?m)^run ([0-9a-f-]{36}) completed: approved$").matcher(run.output());
        assertThat(printed.find())
                .as("the example prints the decision; it printed:%n%s", run.output())
                .isTrue();
        assertThat(run.output()).doesNotContain(w.full.secret());

        // 3. The run it printed is real: completed and approved on the server. Asked directly, not through the
        // proxy that records (and holds to the SDK's rules) what the SDK sends.
        HttpResponse<String> onServer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(env.serverUrl() + "/api/v1/bureau/runs/" + printed.group(1)))
                                .header("X-API-Key", w.full.secret())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(onServer.statusCode()).isEqualTo(200);
        assertThat(onServer.body())
                .contains("\"status\":\"completed\"")
                .contains("\"decision\":\"approved\"")
                .contains("\"external_id\":\"quickstart\"");
    }

    // ---- helpers

    record Result(int exit, String output) {}

    private static Result maven(Path directory, Path localRepository, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        // The checkout's Maven Wrapper, as the READMEs say; its Maven is in ~/.m2/wrapper after any build started
        // with it.
        List<String> command = new ArrayList<>(List.of(
                checkout.resolve("mvnw").toString(),
                "-B",
                "-o",
                "-Dmaven.repo.local=" + localRepository,
                "-Dmaven.repo.local.tail=" + required("kycert.m2")));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(work, "mvn-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("KYCERT_API_KEY");
        builder.environment().remove("KYCERT_BASE_URL");
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return new Result(-1, "timed out after 5 minutes\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static List<String> dependencies(String pom) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>")
                .matcher(pom);
        while (m.find()) {
            out.add(m.group(1) + ":" + m.group(2));
        }
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.filter(p -> from.relativize(p).toString().isEmpty()
                            || Stream.of(from.relativize(p).toString().split("[/\\\\]"))
                                    .noneMatch(SKIPPED::contains))
                    .forEach(p -> {
                        Path target = to.resolve(from.relativize(p).toString());
                        try {
                            if (Files.isDirectory(p)) {
                                Files.createDirectories(target);
                            } else {
                                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (see contract-tests/pom.xml)");
        }
        return value;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temp directory is not worth failing a test for
        }
    }
}
