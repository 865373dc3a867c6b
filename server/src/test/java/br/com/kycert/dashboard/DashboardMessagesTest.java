package br.com.kycert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.MessageSource;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's message bundles: the same keys in English and Portuguese, and every text survives
 * interpolation, which treats an apostrophe as a quote, as {@link MessageFormat} does (a lone one
 * would vanish: "brokerage's" would read "brokerages"; it must be written twice).
 */
class DashboardMessagesTest {

    private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

    static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = DashboardMessagesTest.class.getResourceAsStream("/i18n/" + name + ".properties")) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameWords() throws IOException {
        assertThat(bundle("dashboard_pt_BR").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("dashboard").stringPropertyNames());
    }

    @Test
    void everyApostropheIsWrittenTwiceSoThatMessageFormatKeepsIt() throws IOException {
        for (String name : new String[] {"dashboard", "dashboard_pt_BR"}) {
            Properties p = bundle(name);
            for (String key : p.stringPropertyNames()) {
                String text = p.getProperty(key);
                assertThat(LONE_APOSTROPHE.matcher(text).find())
                        .as(name + ": " + key + " has a lone apostrophe")
                        .isFalse();
                // And it formats at all (no unbalanced braces).
                new MessageFormat(text, Locale.ROOT).format(new Object[] {"x", "y", "z"});
            }
        }
        // Interpolated once, as the pages do it (SinglePassMessageResolver).
        var messages = new ResourceBundleMessageSource("i18n.dashboard");
        var context = MessageSource.MessageContext.of(Locale.ENGLISH);
        assertThat(messages.interpolate(
                        messages.getRawMessage("home.intro", context).orElseThrow(), context))
                .isEqualTo("Manage your brokerage's API keys, members and audit log.");
    }
}
