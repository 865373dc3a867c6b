package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every CPF and CNPJ the guides show as code is valid, so that integrators who copy an example get a
 * run, not a 422. (The reference page's sample CPF 12345678901 is the cautionary tale.)
 */
class DocumentNumbersTest {

    private static final String NOT_BEFORE = "(?<![0-9A-Za-z*])";
    private static final String NOT_AFTER = "(?![0-9A-Za-z*])";
    private static final Pattern CPF_FORMATTED =
            Pattern.compile(NOT_BEFORE + "\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}" + NOT_AFTER);
    private static final Pattern CNPJ_FORMATTED =
            Pattern.compile(NOT_BEFORE + "[0-9A-Z]{2}\\.[0-9A-Z]{3}\\.[0-9A-Z]{3}/[0-9A-Z]{4}-\\d{2}" + NOT_AFTER);
    private static final Pattern ELEVEN_DIGITS = Pattern.compile(NOT_BEFORE + "\\d{11}" + NOT_AFTER);
    private static final Pattern FOURTEEN_DIGITS = Pattern.compile(NOT_BEFORE + "\\d{14}" + NOT_AFTER);
    /** {@code "doc": "..."} in JSON, {@code .doc("...")} in Java, {@code doc: ...} in YAML. */
    private static final Pattern DOC_VALUE = Pattern.compile(
            "\"doc\"\\s*:\\s*\"([^\"]*)\"|\\.doc\\(\"([^\"]*)\"\\)|\\bdoc:\\s*\"?([0-9A-Za-z./\\- ]+?)\"?\\s*$",
            Pattern.MULTILINE);

    /** A masked CPF ({@code ***.000.001-**}) or CNPJ ({@code **.ABC.345/****-**}), as runs show them. */
    private static final Pattern MASKED =
            Pattern.compile("\\*{3}\\.\\d{3}\\.\\d{3}-\\*{2}|\\*{2}\\.[0-9A-Z]{3}\\.[0-9A-Z]{3}/\\*{4}-\\*{2}");

    @Test
    void everyDocumentInCodeHasValidCheckDigits() {
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (Markdown guide : Guides.all()) {
            for (String code : guide.allCode()) {
                checked += check(guide, code, CPF_FORMATTED, invalid, "CPF");
                checked += check(guide, code, CNPJ_FORMATTED, invalid, "CNPJ");
                checked += check(guide, code, ELEVEN_DIGITS, invalid, "CPF");
                checked += check(guide, code, FOURTEEN_DIGITS, invalid, "CNPJ");
                Matcher m = DOC_VALUE.matcher(code);
                while (m.find()) {
                    String doc = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                    checked++;
                    if (MASKED.matcher(doc).matches()) {
                        continue; // a run's subject.doc as the API returns it: nothing left to check
                    }
                    if (!DocumentNumbers.validCpf(doc) && !DocumentNumbers.validCnpj(doc)) {
                        invalid.add(guide.fileName() + ": doc value " + doc);
                    }
                }
            }
        }
        assertThat(invalid).as("documents with wrong check digits").isEmpty();
        assertThat(checked)
                .as("documents found in code (the sandbox fixtures alone are 13)")
                .isGreaterThanOrEqualTo(13);
    }

    @Test
    void theSandboxFixtureTableListsOnlyValidDocuments() {
        List<String> fixtures = new ArrayList<>();
        for (List<String> row : Guides.named("environments.md").tableRows()) {
            if (row.size() >= 2 && (row.get(0).equals("`pf`") || row.get(0).equals("`pj`"))) {
                String doc = row.get(1).replace("`", "");
                boolean valid =
                        row.get(0).equals("`pf`") ? DocumentNumbers.validCpf(doc) : DocumentNumbers.validCnpj(doc);
                assertThat(valid)
                        .as("fixture " + doc + " is a valid " + row.get(0))
                        .isTrue();
                fixtures.add(doc);
            }
        }
        assertThat(fixtures).hasSize(13).doesNotHaveDuplicates();
    }

    @Test
    void onlyTheApisOwnMaskShapesCountAsMasked() {
        assertThat(MASKED.matcher("***.000.001-**").matches()).isTrue();
        assertThat(MASKED.matcher("**.ABC.345/****-**").matches()).isTrue();
        assertThat(MASKED.matcher("***.000.001-75").matches()).isFalse();
        assertThat(MASKED.matcher("900.000.001-**").matches()).isFalse();
    }

    @Test
    void theCheckerAgreesWithKnownDocuments() {
        assertThat(DocumentNumbers.validCpf("900.000.001-75")).isTrue();
        assertThat(DocumentNumbers.validCpf("90000000256")).isTrue();
        assertThat(DocumentNumbers.validCpf("12345678901")).isFalse();
        assertThat(DocumentNumbers.validCpf("111.111.111-11")).isFalse();
        assertThat(DocumentNumbers.validCnpj("11.222.333/0001-81")).isTrue();
        assertThat(DocumentNumbers.validCnpj("12.ABC.345/01DE-35")).isTrue();
        assertThat(DocumentNumbers.validCnpj("KY.CTS.T01/0001-61")).isTrue();
        assertThat(DocumentNumbers.validCnpj("11.222.333/0001-82")).isFalse();
        assertThat(DocumentNumbers.validCnpj("12.ABC.345/01DE-36")).isFalse();
    }

    @Test
    void theScannerFindsDocumentsInCode() {
        Markdown sample = new Markdown(
                Guides.dir().resolve("sample.md"),
                String.join(
                        "\n",
                        "# Sample",
                        "```json",
                        "{\"doc\": \"KYCTST01000161\", \"other\": \"12345678901\"}",
                        "```",
                        "Prose 12345678901 is not code; `11.222.333/0001-82` is."));
        List<String> invalid = new ArrayList<>();
        for (String code : sample.allCode()) {
            check(sample, code, ELEVEN_DIGITS, invalid, "CPF");
            check(sample, code, CNPJ_FORMATTED, invalid, "CNPJ");
        }
        assertThat(invalid).containsExactly("sample.md: CPF 12345678901", "sample.md: CNPJ 11.222.333/0001-82");
    }

    private static int check(Markdown guide, String code, Pattern pattern, List<String> invalid, String kind) {
        int found = 0;
        Matcher m = pattern.matcher(code);
        while (m.find()) {
            found++;
            boolean valid =
                    kind.equals("CPF") ? DocumentNumbers.validCpf(m.group()) : DocumentNumbers.validCnpj(m.group());
            if (!valid) {
                invalid.add(guide.fileName() + ": " + kind + " " + m.group());
            }
        }
        return found;
    }
}
