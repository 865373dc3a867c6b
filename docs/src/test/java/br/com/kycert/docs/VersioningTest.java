package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The versions the guides name are the ones the spec publishes. */
class VersioningTest {

    private static final Pattern VERSION_HEADER = Pattern.compile("x-kycert-api-version:\\s*\"?(\\d{4}-\\d{2}-\\d{2})");

    @Test
    void theVersioningGuideTablesEveryVersionWithItsStatus() {
        Map<String, String> spec = Spec.versionStatuses();
        assertThat(spec.keySet()).containsExactlyInAnyOrderElementsOf(Spec.apiVersions());
        assertThat(spec).containsValue("current");
        Markdown versioning = Guides.named("versioning.md");
        spec.forEach((version, status) -> assertThat(versioning.tableRows())
                .as("versioning.md has the row | `%s` | %s |", version, status)
                .anySatisfy(row -> assertThat(row).startsWith("`" + version + "`", status)));
        String current = spec.entrySet().stream()
                .filter(e -> e.getValue().equals("current"))
                .findFirst()
                .orElseThrow()
                .getKey();
        assertThat(versioning.text()).contains("The current version is **" + current + "**");
        assertThat(Spec.api().getInfo().getVersion())
                .as("info.version is the current version")
                .isEqualTo(current);
    }

    @Test
    void theChangelogHasASectionPerVersion() {
        List<String> headings = Guides.named("changelog.md").headings();
        for (String version : Spec.apiVersions()) {
            assertThat(headings).as("changelog.md heading for " + version).anyMatch(h -> h.startsWith(version));
        }
    }

    @Test
    void everyVersionSentInAnExampleIsPublished() {
        List<String> unknown = new ArrayList<>();
        int found = 0;
        for (Markdown guide : Guides.all()) {
            for (String code : guide.codeBlocks()) {
                Matcher m = VERSION_HEADER.matcher(code);
                while (m.find()) {
                    found++;
                    if (!Spec.apiVersions().contains(m.group(1))) {
                        unknown.add(guide.fileName() + ": " + m.group());
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
        assertThat(found).isPositive();
    }
}
