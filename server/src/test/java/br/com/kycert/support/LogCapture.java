package br.com.kycert.support;

import br.com.kycert.shared.LogEncoder;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged (at DEBUG) as the server renders it: {@link #begin()} with the text pattern's masking
 * converters, {@link #json()} as the server's {@link LogEncoder} writes {@code KYCERT_LOG_FORMAT=json}.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Logger root;
    private final Level previous;
    private Function<ILoggingEvent, String> render;

    private LogCapture() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previous = root.getLevel();
        setContext(logging);
    }

    public static LogCapture begin() {
        LogCapture capture = new LogCapture();
        PatternLayout layout = new PatternLayout();
        layout.setContext(capture.getContext());
        layout.setPattern("%logger - %msg%n%ex");
        layout.start();
        capture.render = layout::doLayout;
        return capture.attach();
    }

    /** Each event as one line of the JSON log format (the encoder logback.xml uses), newline included. */
    public static LogCapture json() {
        LogCapture capture = new LogCapture();
        LogEncoder encoder = new LogEncoder();
        encoder.setContext(capture.getContext());
        encoder.setFormat(LogEncoder.JSON);
        encoder.start();
        capture.render = event -> new String(encoder.encode(event), StandardCharsets.UTF_8);
        return capture.attach();
    }

    private LogCapture attach() {
        start();
        root.addAppender(this);
        root.setLevel(Level.DEBUG);
        return this;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(render.apply(event));
    }

    /** What was captured so far, one entry per event. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String text() {
        synchronized (lines) {
            return String.join("", lines);
        }
    }

    @Override
    public void close() {
        root.setLevel(previous);
        root.detachAppender(this);
        stop();
    }
}
