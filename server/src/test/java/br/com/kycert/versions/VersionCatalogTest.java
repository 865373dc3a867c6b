package br.com.kycert.versions;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.web.ApiVersions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The version modules are the one source: the spec's version enum and {@code x-api-versions}, the changelog and the
 * per-version specs must say what the modules say, and every deprecation keeps its version 12 months or more.
 */
class VersionCatalogTest {

    static Map<String, Object> spec() throws IOException {
        try (InputStream in = VersionCatalogTest.class.getResourceAsStream("/openapi/kycert.yaml")) {
            return new Yaml().load(in);
        }
    }

    static String changelog() throws IOException {
        Path guides = Path.of(System.getProperty("kycert.guides", "../docs/guides"));
        return Files.readString(guides.resolve("changelog.md"), StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSpecPublishesExactlyTheCatalogsVersionsWithTheirStatusesAndDates() throws IOException {
        Map<String, Object> spec = spec();
        Map<String, Object> info = JsonValues.map(spec.get("info"));
        assertThat(info.get("version")).isEqualTo(ApiVersionCatalog.latest());
        Map<String, Object> schemas =
                JsonValues.map(JsonValues.map(spec.get("components")).get("schemas"));
        assertThat((List<Object>) JsonValues.map(schemas.get("ApiVersion")).get("enum"))
                .containsExactlyElementsOf(List.copyOf(ApiVersionCatalog.versions()));
        assertThat(ApiVersions.supported()).containsExactlyElementsOf(ApiVersionCatalog.versions());
        assertThat(ApiVersions.latest()).isEqualTo(ApiVersionCatalog.latest());
        List<Object> published = JsonValues.list(info.get("x-api-versions"));
        assertThat(published).hasSize(ApiVersionCatalog.versions().size());
        for (Object entry : published) {
            Map<String, Object> v = JsonValues.map(entry);
            String version = String.valueOf(v.get("version"));
            assertThat(v.get("status")).as(version).isEqualTo(ApiVersionCatalog.status(version));
            ApiVersionCatalog.deprecation(version)
                    .ifPresentOrElse(
                            d -> {
                                assertThat(String.valueOf(v.get("deprecated_on")))
                                        .isEqualTo(d.deprecatedOn().toString());
                                assertThat(String.valueOf(v.get("sunset_on")))
                                        .isEqualTo(d.sunsetOn().toString());
                            },
                            () -> assertThat(v).doesNotContainKeys("deprecated_on", "sunset_on"));
        }
    }

    @Test
    void everyDeprecatedVersionIsServedAtLeast12MonthsAfterItsNotice() {
        assertThat(ApiVersionCatalog.DEPRECATIONS).isNotEmpty();
        ApiVersionCatalog.DEPRECATIONS.forEach((version, d) -> {
            assertThat(d.sunsetOn())
                    .as(version)
                    .isAfterOrEqualTo(d.deprecatedOn().plusMonths(12));
            assertThat(ApiVersionCatalog.versions()).contains(version);
            assertThat(version).isNotEqualTo(ApiVersionCatalog.latest());
            assertThat(ApiVersionCatalog.servable(version, d.sunsetOn().minusDays(1)))
                    .isTrue();
            assertThat(ApiVersionCatalog.servable(version, d.sunsetOn())).isFalse();
        });
        assertThat(ApiVersionCatalog.servable(ApiVersionCatalog.latest(), LocalDate.of(2100, 1, 1)))
                .isTrue();
    }

    @Test
    void theChangelogStatesEveryChangeUnderItsVersionAndEveryDeprecation() throws IOException {
        String changelog = changelog();
        for (String version : ApiVersionCatalog.versions()) {
            int at = changelog.indexOf("\n## " + version);
            assertThat(at).as("changelog.md has a section ## " + version).isPositive();
            int next = changelog.indexOf("\n## ", at + 1);
            String section = changelog.substring(at, next < 0 ? changelog.length() : next);
            String heading = section.lines().skip(1).findFirst().orElseThrow();
            assertThat(heading).contains("(" + ApiVersionCatalog.status(version));
            for (VersionChange change : ApiVersionCatalog.changesIn(version)) {
                assertThat(section.replaceAll("\\s+", " "))
                        .as("changelog.md, " + version)
                        .contains(change.summary().replaceAll("\\s+", " "));
            }
            ApiVersionCatalog.deprecation(version)
                    .ifPresent(d -> assertThat(section)
                            .contains("Deprecated on " + d.deprecatedOn())
                            .contains("sunset on " + d.sunsetOn()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSpecOfEachVersionIsTheLatestRunBackThroughItsChanges() throws IOException {
        assertThat(new String(SpecVersions.render(ApiVersionCatalog.latest()).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo(new String(
                        VersionCatalogTest.class
                                .getResourceAsStream("/openapi/kycert.yaml")
                                .readAllBytes(),
                        StandardCharsets.UTF_8));
        Map<String, Object> old = new Yaml()
                .load(new String(SpecVersions.render(ApiVersionCatalog.FIRST).orElseThrow(), StandardCharsets.UTF_8));
        assertThat(JsonValues.map(old.get("info")).get("version")).isEqualTo(ApiVersionCatalog.FIRST);
        assertThat(JsonValues.at(old, "components", "schemas", "Subject", "properties")
                        .keySet())
                .containsExactly("type", "doc_masked", "name");
        assertThat(JsonValues.at(old, "components", "examples", "QueuedRun", "value", "subject"))
                .containsKey("doc_masked")
                .doesNotContainKey("doc");
        assertThat(JsonValues.at(old, "components", "examples", "RunDetailExample", "value", "subject"))
                .as("the detail keeps the full doc")
                .containsKey("doc");
        assertThat(SpecVersions.render("2020-01-01")).isEmpty();
    }
}
