package br.com.kycert.shared;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Defence in depth for logs: whatever a library logs (a request path a client filled with a CPF,
 * a driver's error message), CPF/CNPJ-shaped tokens and API keys are masked before they are
 * written. Wired in logback.xml as the {@code %msg} and {@code %ex} converters.
 */
public final class LogMasking {

    private static final Pattern KEY = Pattern.compile("(sk_(?:live|test)_)[A-Za-z0-9]{8,}");
    /**
     * A CPF, formatted or not, also where it is glued to other text by an underscore or punctuation
     * ({@code cpf_90000000256}, {@code ?doc=529.982.247-25}), never inside a longer run of letters and digits (a
     * request id, a UUID).
     */
    private static final Pattern CPF =
            Pattern.compile("(?<![A-Za-z0-9.])\\d{3}\\.?\\d{3}\\.?\\d{3}-?\\d{2}(?![0-9A-Za-z-])");
    /** The same for a CNPJ, numeric or alphanumeric (masked only with four digits or more in it). */
    private static final Pattern CNPJ = Pattern.compile(
            "(?i)(?<![A-Za-z0-9.])[0-9A-Z]{2}\\.?[0-9A-Z]{3}\\.?[0-9A-Z]{3}/?[0-9A-Z]{4}-?\\d{2}(?![0-9A-Za-z-])");

    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{11,}");

    /**
     * Marks an event made only of values masked where the event was made, or of the server's own (ids, route
     * templates, codes): the converters and the JSON encoder write it as it is, without running the patterns over
     * it again. The access log's event of every request carries it (three patterns over every line were 4–6 % of a
     * request's CPU); an event with anything else in it must not.
     */
    public static final Marker PRE_MASKED = MarkerFactory.getMarker("kycert.pre-masked");

    private LogMasking() {}

    /** The event carries {@link #PRE_MASKED}. */
    public static boolean preMasked(ILoggingEvent event) {
        List<Marker> markers = event.getMarkerList();
        return markers != null && markers.contains(PRE_MASKED);
    }

    /**
     * Client input quoted in an error message (a path, a parameter or field name): masked like a log line, and any
     * run of 11 digits or more too (it may be a document with a typo), then cut to {@code max} characters.
     */
    public static String echo(String text, int max) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return bounded(DIGIT_RUN.matcher(mask(text)).replaceAll("[document]"), max);
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    public static String bounded(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…";
    }

    /** API keys become {@code sk_live_[redacted]}, CPF and CNPJ numbers {@code [document]}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = KEY.matcher(text).replaceAll("$1[redacted]");
        out = CNPJ.matcher(out).replaceAll(m -> isDocumentLike(m.group()) ? "[document]" : m.group());
        return CPF.matcher(out).replaceAll("[document]");
    }

    /** A CNPJ-shaped token is masked only if it has digits in it: plain words are left alone. */
    private static boolean isDocumentLike(String token) {
        int digits = 0;
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                digits++;
            }
        }
        return digits >= 4;
    }

    /** {@code %msg} with masking (but of a {@link #PRE_MASKED} event). */
    public static final class Message extends MessageConverter {
        @Override
        public String convert(ILoggingEvent event) {
            String message = super.convert(event);
            return preMasked(event) ? message : mask(message);
        }
    }

    /** {@code %ex} with masking. */
    public static final class Throwable extends ThrowableProxyConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return mask(super.convert(event));
        }
    }
}
