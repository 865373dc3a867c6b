package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** errors.md lists exactly the spec's problem codes, each with the status the spec gives it. */
class ProblemCodesTest {

    private static final Pattern CODE_CELL = Pattern.compile("`([a-z][a-z_]*)`");
    private static final Pattern STATUS_CELL = Pattern.compile("\\d{3}");
    private static final Pattern STATUS_THEN_CODE = Pattern.compile("\\b(\\d{3}) `([a-z][a-z_]*)`");

    private static List<String> codes;
    private static Map<String, Integer> statusOf;

    @BeforeAll
    static void readSpec() {
        codes = Spec.problemCodes();
        Map<String, Set<Integer>> statuses = Spec.statusesByCode();
        assertThat(statuses.keySet())
                .as("codes the spec's responses and description use are all in ProblemCode")
                .isSubsetOf(codes);
        statusOf = new LinkedHashMap<>();
        for (String code : codes) {
            assertThat(statuses.get(code))
                    .as("the spec gives " + code + " exactly one status")
                    .isNotNull()
                    .hasSize(1);
            statusOf.put(code, statuses.get(code).iterator().next());
        }
    }

    @Test
    void errorsGuideTablesEveryCodeWithItsStatus() {
        Map<String, Integer> tabled = new LinkedHashMap<>();
        for (List<String> row : Guides.named("errors.md").tableRows()) {
            Integer status = null;
            String code = null;
            for (String cell : row) {
                if (STATUS_CELL.matcher(cell).matches()) {
                    status = Integer.parseInt(cell);
                }
                Matcher m = CODE_CELL.matcher(cell);
                if (code == null && m.matches()) {
                    code = m.group(1);
                }
            }
            if (status != null && code != null) {
                assertThat(tabled.put(code, status))
                        .as(code + " is tabled once")
                        .isNull();
            }
        }
        assertThat(tabled.keySet()).as("codes tabled in errors.md").containsExactlyInAnyOrderElementsOf(codes);
        assertThat(tabled).as("status of each code in errors.md").containsExactlyInAnyOrderEntriesOf(statusOf);
    }

    @Test
    void errorsGuideExplainsEveryCodeInItsOwnSection() {
        Markdown errors = Guides.named("errors.md");
        for (String code : codes) {
            String section = errors.section("`" + code + "`").strip();
            assertThat(section)
                    .as("section of " + code + " starts with its status")
                    .startsWith("**" + statusOf.get(code));
            assertThat(section.length())
                    .as("section of " + code + " says what to do")
                    .isGreaterThan(80);
        }
        List<String> unknown = errors.headings().stream()
                .filter(h -> h.matches("`[a-z_]+`"))
                .map(h -> h.replace("`", ""))
                .filter(code -> !codes.contains(code))
                .toList();
        assertThat(unknown).as("sections for codes the spec does not have").isEmpty();
    }

    @Test
    void everyStatusGivenForACodeInAnyGuideIsTheSpecs() {
        List<String> wrong = new ArrayList<>();
        for (Markdown guide : Guides.all()) {
            for (List<String> row : guide.tableRows()) {
                Integer status = row.stream()
                        .filter(c -> STATUS_CELL.matcher(c).matches())
                        .map(Integer::parseInt)
                        .findFirst()
                        .orElse(null);
                if (status == null) {
                    continue;
                }
                for (String cell : row) {
                    Matcher m = CODE_CELL.matcher(cell);
                    if (m.matches() && statusOf.containsKey(m.group(1)) && !status.equals(statusOf.get(m.group(1)))) {
                        wrong.add(guide.fileName() + ": table row " + row);
                    }
                }
            }
            Matcher m = STATUS_THEN_CODE.matcher(guide.text());
            while (m.find()) {
                String code = m.group(2);
                if (statusOf.containsKey(code) && statusOf.get(code) != Integer.parseInt(m.group(1))) {
                    wrong.add(guide.fileName() + ": \"" + m.group() + "\" (the spec says " + statusOf.get(code) + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theSiteDescribesEveryCodeAsDataForTheServersProblemTypes() throws IOException {
        JsonNode types = new ObjectMapper()
                .readTree(SiteTest.site().resolve("problem-types.json").toFile());
        List<String> described = new ArrayList<>();
        types.fieldNames().forEachRemaining(described::add);
        assertThat(described).as("codes in problem-types.json").containsExactlyInAnyOrderElementsOf(codes);
        for (String code : codes) {
            JsonNode type = types.get(code);
            assertThat(type.path("status").asInt()).as(code).isEqualTo(statusOf.get(code));
            assertThat(type.path("applies_to").asText())
                    .as(code + " applies_to")
                    .isNotBlank();
            assertThat(type.path("summary").asText()).as(code + " summary").isNotBlank();
            assertThat(type.path("retry").asText()).as(code + " retry").isNotBlank();
            assertThat(type.path("description").asText())
                    .as(code + " description")
                    .hasSizeGreaterThan(40)
                    .doesNotContain("<", "**", "The problem body, request ids");
            assertThat(type.path("page").asText()).isEqualTo("error-" + code + ".html");
            assertThat(SiteTest.site().resolve("error-" + code + ".html")).isRegularFile();
        }
    }
}
