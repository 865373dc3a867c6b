package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** runs.md explains exactly the reason codes the spec's {@code Reason.code} names, and the guides use no other. */
class ReasonCodesTest {

    private static final Pattern CODE = Pattern.compile("`([a-z][a-z_]*)`");

    static Set<String> specCodes() {
        Schema<?> code = (Schema<?>) Spec.api()
                .getComponents()
                .getSchemas()
                .get("Reason")
                .getProperties()
                .get("code");
        Set<String> codes = new LinkedHashSet<>();
        Matcher m = CODE.matcher(code.getDescription());
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    @Test
    void theRunsGuideTablesEveryReasonCodeOfTheSpec() {
        Set<String> spec = specCodes();
        assertThat(spec)
                .as("codes in the description of Reason.code")
                .hasSizeGreaterThanOrEqualTo(9)
                .contains("source_unavailable");
        String section = Guides.named("runs.md").section("Reason codes");
        List<String> tabled = new ArrayList<>();
        for (List<String> row : new Markdown(Guides.dir().resolve("runs.md"), section).tableRows()) {
            Matcher m = CODE.matcher(row.get(0));
            if (m.matches()) {
                tabled.add(m.group(1));
            }
        }
        assertThat(tabled)
                .as("the Reason codes table of runs.md")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(spec);
    }

    @Test
    void theFixtureTableNamesOnlyReasonCodesOfTheSpec() {
        Set<String> spec = specCodes();
        List<String> unknown = new ArrayList<>();
        int fixtures = 0;
        for (List<String> row : Guides.named("environments.md").tableRows()) {
            if (row.get(0).equals("`pf`") || row.get(0).equals("`pj`")) {
                fixtures++;
                Matcher m = CODE.matcher(row.get(row.size() - 1));
                while (m.find()) {
                    String code = m.group(1);
                    // reason codes all have an underscore; `lawsuits` and `compliance_alert: true` are not codes
                    if (code.contains("_") && !spec.contains(code)) {
                        unknown.add(row.get(1) + ": " + code);
                    }
                }
            }
        }
        assertThat(fixtures).isEqualTo(13);
        assertThat(unknown).isEmpty();
    }
}
