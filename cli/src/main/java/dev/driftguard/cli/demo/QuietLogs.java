package dev.driftguard.cli.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * While the demo runs, driftguard's own progress logs (INFO) stay off stderr: the demo tells the same story on stdout.
 * Left alone when the user chose a level ({@code DRIFTGUARD_LOG_LEVEL}) or asked for {@code --verbose}; the previous
 * level is restored on close.
 */
final class QuietLogs implements AutoCloseable {

    private static final String LEVEL_VARIABLE = "DRIFTGUARD_LOG_LEVEL";

    private final Logger logger;
    private final Level previous;

    private QuietLogs(Logger logger, Level previous) {
        this.logger = logger;
        this.previous = previous;
    }

    static QuietLogs unless(boolean verbose) {
        if (verbose
                || System.getenv(LEVEL_VARIABLE) != null
                || !(LoggerFactory.getLogger("dev.driftguard") instanceof Logger logger)) {
            return new QuietLogs(null, null);
        }
        Level previous = logger.getLevel();
        if (logger.getEffectiveLevel().isGreaterOrEqual(Level.WARN)) {
            return new QuietLogs(null, null);
        }
        logger.setLevel(Level.WARN);
        return new QuietLogs(logger, previous);
    }

    /**
     * On Ctrl-C the servers stop while capture and the validator still run; the errors those libraries log about
     * losing their connections are expected then and not shown.
     */
    static void silenceThirdPartyTeardown() {
        for (String name : List.of("io.debezium", "org.apache.flink", "org.apache.kafka", "org.apache.pekko")) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(Level.OFF);
            }
        }
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.setLevel(previous);
        }
    }
}
