package dev.driftguard.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one way driftguard un-registers a JVM shutdown hook once the work it guards has ended normally. */
public final class ShutdownHooks {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHooks.class);

    private ShutdownHooks() {}

    /**
     * Removes {@code hook}. While the JVM is already shutting down (Ctrl-C, SIGTERM) the JVM refuses; the hook is then
     * running or about to run and does its work itself, so that refusal is expected and only logged.
     */
    public static void remove(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmShuttingDown) {
            LOG.debug("JVM is shutting down; shutdown hook {} runs anyway", hook.getName(), jvmShuttingDown);
        }
    }
}
