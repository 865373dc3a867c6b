package br.com.kycert.shared;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * The server's log encoder, wired in logback.xml: plain text (the {@code pattern}, for local use) or, with
 * {@code format} {@code json}, one JSON object per line for log pipelines. {@link LogMasking} applies to every
 * string written in either format: in JSON the message, each argument, each MDC and key-value name and value, and
 * the exception text, each masked before it is escaped (masking the finished line could turn a number into text
 * and break the JSON). logback.xml reads the format from {@code KYCERT_LOG_FORMAT} or {@code -Dkycert.log.format};
 * an unknown value is reported on Logback's status and falls back to text.
 *
 * <p>JSON fields: {@code timestamp} (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread}, {@code message},
 * {@code arguments} (when the message had any), {@code mdc} (when not empty), each key-value pair of the event as a
 * field of its own ({@code request_id}, {@code tenant_id}, {@code key_id}, {@code route}, {@code status},
 * {@code duration_ms} on the access log; prefixed {@code kv_} where the name is one of the fields above), and
 * {@code exception} (the stack trace as text).
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {

    public static final String TEXT = "text";
    public static final String JSON = "json";

    private static final Set<String> RESERVED =
            Set.of("timestamp", "level", "logger", "thread", "message", "arguments", "mdc", "exception");

    private String format = TEXT;
    private String pattern = "%d %-5level [%thread] %logger - %msg%n%ex";
    private PatternLayoutEncoder text;

    /** {@code text} or {@code json}, case-insensitive. */
    public void setFormat(String format) {
        this.format = format == null ? TEXT : format.strip().toLowerCase(Locale.ROOT);
    }

    public String getFormat() {
        return format;
    }

    /** The text format's Logback pattern. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if (!format.equals(TEXT) && !format.equals(JSON)) {
            addError("KYCERT_LOG_FORMAT (kycert.log.format) must be text or json, not \"" + format
                    + "\": logging as text");
            format = TEXT;
        }
        if (format.equals(TEXT)) {
            text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.setCharset(StandardCharsets.UTF_8);
            text.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        if (text != null) {
            text.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (text != null) {
            return text.encode(event);
        }
        return json(event).getBytes(StandardCharsets.UTF_8);
    }

    static String json(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "timestamp");
        string(out, DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(event.getTimeStamp())));
        out.append(',');
        field(out, "level");
        string(out, event.getLevel().toString());
        out.append(',');
        field(out, "logger");
        string(out, event.getLoggerName());
        out.append(',');
        field(out, "thread");
        masked(out, event.getThreadName());
        out.append(',');
        // A pre-masked event (the access log's) is made of masked or server-made values only: written as it is.
        boolean premasked = LogMasking.preMasked(event);
        field(out, "message");
        masked(out, event.getFormattedMessage(), premasked);
        Object[] arguments = event.getArgumentArray();
        if (arguments != null && arguments.length > 0) {
            out.append(',');
            field(out, "arguments");
            out.append('[');
            for (int i = 0; i < arguments.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(out, arguments[i], premasked);
            }
            out.append(']');
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null && !mdc.isEmpty()) {
            out.append(',');
            field(out, "mdc");
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> entry : mdc.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                masked(out, entry.getKey());
                out.append(':');
                masked(out, entry.getValue());
            }
            out.append('}');
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                if (pair == null || pair.key == null) {
                    continue;
                }
                out.append(',');
                masked(out, RESERVED.contains(pair.key) ? "kv_" + pair.key : pair.key, premasked);
                out.append(':');
                value(out, pair.value, premasked);
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            out.append(',');
            field(out, "exception");
            masked(out, ThrowableProxyUtil.asString(thrown));
        }
        out.append('}').append('\n');
        return out.toString();
    }

    /**
     * Numbers and booleans as JSON literals unless masking changes them (a CPF logged as a number), everything else
     * as a masked string (as it is, of a pre-masked event).
     */
    private static void value(StringBuilder out, Object value, boolean premasked) {
        if (value == null) {
            out.append("null");
            return;
        }
        String shown = String.valueOf(value);
        String safe = premasked ? shown : LogMasking.mask(shown);
        boolean literal =
                (value instanceof Number number && Double.isFinite(number.doubleValue())) || value instanceof Boolean;
        if (literal && safe.equals(shown)) {
            out.append(shown);
        } else {
            string(out, safe);
        }
    }

    private static void field(StringBuilder out, String name) {
        string(out, name);
        out.append(':');
    }

    private static void masked(StringBuilder out, String text) {
        masked(out, text, false);
    }

    /** {@link #masked(StringBuilder, String)}, but written as it is of a pre-masked event. */
    private static void masked(StringBuilder out, String text, boolean premasked) {
        if (text == null) {
            out.append("null");
        } else {
            string(out, premasked ? text : LogMasking.mask(text));
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped; lone surrogates written as escapes. */
    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c) && !paired(text, i)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean paired(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
