package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keys in the guides are obvious placeholders ({@code sk_test_...}, {@code sk_live_your_key_here}),
 * never something that looks real: a real-looking key gets copied, trips secret scanners, or is real.
 */
class ApiKeyPlaceholdersTest {

    private static final Pattern KEY = Pattern.compile("sk_(?:live|test)_([^\\s\"'`)\\]<>|,;]*)");

    @Test
    void everyKeyInTheGuidesIsAPlaceholder() {
        List<String> suspicious = new ArrayList<>();
        int keys = 0;
        for (Markdown guide : Guides.all()) {
            Matcher m = KEY.matcher(guide.text());
            while (m.find()) {
                keys++;
                if (!isPlaceholderOrPrefix(m.group(1))) {
                    suspicious.add(guide.fileName() + ": " + m.group());
                }
            }
        }
        assertThat(suspicious).isEmpty();
        assertThat(keys).as("keys and prefixes mentioned").isPositive();
    }

    @Test
    void theRuleTellsPlaceholdersFromKeys() {
        assertThat(isPlaceholderOrPrefix("...")).isTrue();
        assertThat(isPlaceholderOrPrefix("your_key_here")).isTrue();
        assertThat(isPlaceholderOrPrefix("")).isTrue(); // the bare prefix, as in "keys start with sk_live_"
        assertThat(isPlaceholderOrPrefix(".")).isTrue(); // ... at the end of a sentence
        assertThat(isPlaceholderOrPrefix("yZzj1oZl3V07mg8ro75J0IUIufhjFmusPhutFgpS4XINfU"))
                .isFalse();
        assertThat(isPlaceholderOrPrefix("\u2026")).isFalse(); // a typographic ellipsis is not the agreed marker
        assertThat(isPlaceholderOrPrefix("abc")).isFalse();
    }

    private static boolean isPlaceholderOrPrefix(String rest) {
        return rest.matches("[.,:;!?]?") || rest.contains("...") || rest.contains("your_key");
    }
}
