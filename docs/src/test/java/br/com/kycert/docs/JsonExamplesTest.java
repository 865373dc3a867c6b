package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JSON a guide shows is JSON, and every curl or Java example is marked to be run by the server's
 * GuideExamplesIT (an {@code <!-- example: ... -->} comment on the line above it), so none escapes.
 */
class JsonExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCE = Pattern.compile("^(```|~~~)\\s*([A-Za-z0-9_+-]*).*$");
    private static final Pattern MARK = Pattern.compile("^<!--\\s*example(?::[^>]*)?\\s*-->$");

    @Test
    void everyJsonBlockParses() {
        List<String> invalid = new ArrayList<>();
        int found = 0;
        for (Markdown guide : Guides.all()) {
            for (Fenced block : fenced(guide)) {
                String body = block.language().equals("http")
                        ? httpBody(block.code())
                        : block.language().equals("json") ? block.code() : null;
                if (body == null || body.isBlank()) {
                    continue;
                }
                found++;
                try {
                    JSON.readTree(body);
                } catch (Exception e) {
                    invalid.add(guide.fileName() + ":" + block.line() + ": "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        assertThat(invalid).isEmpty();
        assertThat(found).isGreaterThan(10);
    }

    @Test
    void everyCurlAndJavaExampleIsMarkedToRun() {
        List<String> unmarked = new ArrayList<>();
        for (Markdown guide : Guides.all()) {
            for (Fenced block : fenced(guide)) {
                boolean curl = List.of("bash", "sh", "shell").contains(block.language())
                        && block.code().matches("(?s).*\\bcurl\\s.*");
                if ((curl || block.language().equals("java")) && !block.marked()) {
                    unmarked.add(guide.fileName() + ":" + block.line());
                }
            }
        }
        assertThat(unmarked)
                .as("examples without <!-- example: ... --> on the line above (see GuideBlocks in server tests)")
                .isEmpty();
    }

    record Fenced(int line, String language, String code, boolean marked) {}

    static List<Fenced> fenced(Markdown guide) {
        List<Fenced> blocks = new ArrayList<>();
        String[] lines = guide.text().split("\n", -1);
        String previous = "";
        for (int i = 0; i < lines.length; i++) {
            var fence = FENCE.matcher(lines[i].strip());
            if (fence.matches()) {
                int start = i + 1;
                StringBuilder code = new StringBuilder();
                for (i++; i < lines.length && !lines[i].strip().startsWith(fence.group(1)); i++) {
                    code.append(lines[i]).append('\n');
                }
                blocks.add(new Fenced(
                        start,
                        fence.group(2),
                        code.toString(),
                        MARK.matcher(previous).matches()));
                previous = "";
            } else if (!lines[i].isBlank()) {
                previous = lines[i].strip();
            }
        }
        return blocks;
    }

    private static String httpBody(String http) {
        int blank = http.indexOf("\n\n");
        return blank < 0 ? "" : http.substring(blank + 2);
    }
}
