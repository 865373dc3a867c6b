package br.com.kycert.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures everything logged (at DEBUG) as the server's pattern renders it, masking converters included. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final PatternLayout layout = new PatternLayout();
    private final Logger root;
    private final Level previous;

    private LogCapture() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previous = root.getLevel();
        setContext(logging);
    }

    public static LogCapture begin() {
        LogCapture capture = new LogCapture();
        capture.layout.setContext(capture.getContext());
        capture.layout.setPattern("%logger - %msg%n%ex");
        capture.layout.start();
        capture.start();
        capture.root.addAppender(capture);
        capture.root.setLevel(Level.DEBUG);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        lines.add(layout.doLayout(event));
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
