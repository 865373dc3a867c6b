package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The guides cover every operation of the spec, and mention no path the spec does not have. */
class OperationsTest {

    private static final Pattern API_PATH = Pattern.compile("/api/v\\d+/[A-Za-z0-9_{}$.\\-/]*");

    @Test
    void everyOperationAppearsAsMethodAndPathInSomeGuide() {
        String all = Guides.all().stream().map(Markdown::text).collect(Collectors.joining("\n"));
        List<String> missing = Spec.operations().stream()
                .map(Spec.Operation::route)
                .filter(route -> !all.contains(route))
                .toList();
        assertThat(Spec.operations()).isNotEmpty();
        assertThat(missing).as("operations no guide mentions as METHOD path").isEmpty();
    }

    @Test
    void everyApiPathInTheGuidesExistsInTheSpec() {
        List<Pattern> templates = Spec.paths().stream()
                .map(p -> Pattern.compile(Pattern.quote(p).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")))
                .toList();
        List<String> unknown = new ArrayList<>();
        for (Markdown guide : Guides.all()) {
            Matcher m = API_PATH.matcher(guide.text());
            while (m.find()) {
                String path = m.group().replaceAll("[.,:/]+$", "");
                boolean known = templates.stream().anyMatch(t -> t.matcher(path).matches())
                        || Spec.paths().stream().anyMatch(p -> p.startsWith(path + "/"));
                if (!known) {
                    unknown.add(guide.fileName() + ": " + path);
                }
            }
        }
        assertThat(unknown).as("paths the spec does not define").isEmpty();
    }
}
