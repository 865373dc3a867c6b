package br.com.kycert.dashboard;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/**
 * The page language: the switch's cookie if set, else the best match of {@code Accept-Language}, else
 * Portuguese (the brokerages' language).
 */
@Singleton
public final class DashboardLocales {

    public static final String COOKIE = "kycert_lang";
    static final Locale PORTUGUESE = Locale.forLanguageTag("pt-BR");
    static final Locale ENGLISH = Locale.ENGLISH;
    static final List<Locale> SUPPORTED = List.of(PORTUGUESE, ENGLISH);

    public Locale resolve(HttpRequest<?> request) {
        var cookie = request.getCookies().findCookie(COOKIE);
        if (cookie.isPresent()) {
            Locale chosen = supported(cookie.get().getValue());
            if (chosen != null) {
                return chosen;
            }
        }
        String header = request.getHeaders().get("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    String lang = range.getRange().split("-", 2)[0];
                    if (lang.equals("pt")) {
                        return PORTUGUESE;
                    }
                    if (lang.equals("en")) {
                        return ENGLISH;
                    }
                }
            } catch (IllegalArgumentException e) {
                // A malformed header picks the default.
            }
        }
        return PORTUGUESE;
    }

    /** The supported locale for a tag of the switch ({@code pt-BR}, {@code en}), or null. */
    static Locale supported(String tag) {
        if (tag == null) {
            return null;
        }
        return switch (tag) {
            case "pt-BR", "pt" -> PORTUGUESE;
            case "en" -> ENGLISH;
            default -> null;
        };
    }

    static String tag(Locale locale) {
        return locale.equals(PORTUGUESE) ? "pt-BR" : "en";
    }
}
