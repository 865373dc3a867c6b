package br.com.kycert.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.runs.RunRefusal;
import br.com.kycert.shared.DomainException;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link DomainProblemHandler} answers 500 for a domain code the spec's {@code ProblemCode} does not list. This keeps
 * that path for server bugs only: every code the HTTP API can answer is a problem code of the spec, every other code
 * is named here as worded only by the CLI and the dashboard, and a new code (or a new API controller, whose codes
 * must then be checked) fails this test until it is classified.
 */
class DomainCodesTest {

    /** The codes only the operator CLI and the dashboard receive: no API operation reaches the services throwing them. */
    static final Map<String, String> FRONT_END_ONLY = Map.ofEntries(
            Map.entry(
                    "tenant_not_found",
                    "tenants are chosen by operators and support staff; an API key's tenant always exists (tenants are"
                            + " never deleted), so the runs API's credit balance lookup cannot miss"),
            Map.entry("user_not_found", "dashboard accounts"),
            Map.entry("key_not_found", "keys are managed in the CLI and the dashboard"),
            Map.entry("key_revoked", "rolling a key (CLI, dashboard)"),
            Map.entry("insufficient_role", "dashboard roles"),
            Map.entry("last_owner", "dashboard members"),
            Map.entry("totp_code_invalid", "dashboard TOTP enrolment"),
            Map.entry("totp_enrolment_not_started", "dashboard TOTP enrolment"),
            Map.entry("delivery_not_found", "webhook deliveries are replayed from the CLI"),
            Map.entry("webhook_endpoint_not_found", "webhook endpoints are managed from the CLI"),
            Map.entry("webhook_endpoint_not_enabled", "webhook endpoints are managed from the CLI"));

    /** The classes that implement a generated API interface: the only way a request reaches the services. */
    static final Set<String> API_CONTROLLERS =
            // HealthController calls no service that throws: it answers 503 service_unavailable itself. The template
            // reads and key introspection only call lookups that return Optional (TemplateService.find/page,
            // ApiKeyService.find) and answer their own problems (template_not_found, invalid_cursor).
            Set.of(
                    "br.com.kycert.runs.RunsController",
                    "br.com.kycert.health.HealthController",
                    "br.com.kycert.templates.TemplatesController",
                    "br.com.kycert.introspection.KeysController");

    /** What the runs API can answer: {@code RunService} and its {@code Cursors}, nothing else throws on that path. */
    static final Set<String> API_CODES = Stream.concat(
                    RunRefusal.CODES.stream(),
                    Stream.of(
                            DomainException.notFound("run", UUID.randomUUID()).code(),
                            DomainException.notFound("template", UUID.randomUUID())
                                    .code()))
            .collect(Collectors.toUnmodifiableSet());

    private static final Pattern NOT_FOUND = Pattern.compile("DomainException\\.notFound\\(\\s*\"([a-z_]+)\"");
    private static final Pattern EXPLICIT =
            Pattern.compile("new DomainException\\(\\s*(?:DomainException\\.)?Kind\\.[A-Z_]+,\\s*\"([a-z_]+)\"");
    private static final Pattern INVALID = Pattern.compile("DomainException\\.invalid\\(");
    private static final Pattern ANY_NEW = Pattern.compile("new DomainException\\(");

    @Test
    void everyCodeTheApiCanAnswerIsAProblemCodeOfTheSpec() {
        for (String code : API_CODES) {
            assertThat(DomainProblemHandler.code(
                            new DomainException(DomainException.Kind.CONFLICT, code, null, null, Map.of(), code)))
                    .as(code)
                    .isPresent();
        }
    }

    @Test
    void everyDomainCodeIsAProblemCodeOrWordedOnlyByTheCliAndTheDashboard() {
        Set<String> found = codesInMainSources();
        assertThat(found).as("codes found in the main sources").containsAll(API_CODES);

        Set<String> notInSpec = new TreeSet<>(found);
        notInSpec.removeAll(ProblemCode.VALUE_MAPPING.keySet());
        assertThat(notInSpec)
                .as("domain codes that are not problem codes of the spec: add the code to the spec (and its problem"
                        + " type's docs) if the API can answer it, else to FRONT_END_ONLY with the reason")
                .containsExactlyInAnyOrderElementsOf(FRONT_END_ONLY.keySet());
        assertThat(API_CODES).doesNotContainAnyElementsOf(FRONT_END_ONLY.keySet());
    }

    @Test
    void theApiControllersAreTheOnesWhoseCodesAreListedHere() {
        Set<String> controllers = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages("br.com.kycert")
                        .stream()
                        .filter(c -> !c.getPackageName().startsWith("br.com.kycert.api"))
                        .filter(c -> c.getAllRawInterfaces().stream()
                                .map(JavaClass::getPackageName)
                                .anyMatch("br.com.kycert.api"::equals))
                        .map(JavaClass::getName)
                        .collect(Collectors.toSet());
        assertThat(controllers)
                .as("a new API controller: list the domain codes its services can throw in API_CODES")
                .isEqualTo(API_CONTROLLERS);
    }

    /** Every code a {@link DomainException} is created with in the main sources. */
    static Set<String> codesInMainSources() {
        Set<String> codes = new TreeSet<>(RunRefusal.CODES);
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String source = read(f);
                Matcher notFound = NOT_FOUND.matcher(source);
                while (notFound.find()) {
                    codes.add(notFound.group(1) + "_not_found");
                }
                Matcher explicit = EXPLICIT.matcher(source);
                int literal = 0;
                while (explicit.find()) {
                    codes.add(explicit.group(1));
                    literal++;
                }
                long created = f.endsWith(Path.of("shared", "DomainException.java"))
                        ? literal // its factories build the code from their arguments
                        : ANY_NEW.matcher(source).results().count();
                assertThat(created)
                        .as(f + ": a DomainException's code is a literal here, so this test can list it")
                        .isEqualTo(literal);
                if (INVALID.matcher(source).find()) {
                    codes.add("validation_failed");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
