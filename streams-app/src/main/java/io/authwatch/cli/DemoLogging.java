package io.authwatch.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Keeps the demo's terminal for people: the banner, the summary lines, and authwatch's own warnings
 * and errors. Every log line, Kafka's, Kafka Streams' and authwatch's INFO included, goes to
 * {@code <data-dir>/logs/authwatch-demo.log} instead.
 */
final class DemoLogging {

    static final String FILE_NAME = "authwatch-demo.log";
    private static final String OWN = "io.authwatch";

    private DemoLogging() {
    }

    /** Sends the log to {@code logDir}; returns the file, or null when logback is not the SLF4J binding. */
    static Path toFile(Path logDir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        final Path file = logDir.resolve(FILE_NAME).toAbsolutePath();
        final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            it.next().addFilter(ownWarningsOnly());
        }
        final PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        final FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("DEMO-FILE");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        // the file has room for the libraries' INFO lines that the terminal had no room for
        context.getLogger("org.apache.kafka").setLevel(Level.INFO);
        context.getLogger("kafka").setLevel(Level.INFO);
        return file;
    }

    private static Filter<ILoggingEvent> ownWarningsOnly() {
        final Filter<ILoggingEvent> filter = new Filter<>() {
            @Override
            public FilterReply decide(ILoggingEvent event) {
                final boolean own = event.getLoggerName().equals(OWN) || event.getLoggerName().startsWith(OWN + ".");
                return own && event.getLevel().isGreaterOrEqual(Level.WARN) ? FilterReply.NEUTRAL : FilterReply.DENY;
            }
        };
        filter.start();
        return filter;
    }
}
