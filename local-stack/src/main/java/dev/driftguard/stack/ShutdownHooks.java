package dev.driftguard.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way driftguard runs an action when the JVM is stopped (Ctrl-C, SIGTERM) while some work is under way, and
 * un-registers it once the work has ended normally.
 */
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

    /** A registered shutdown action; closing it un-registers the action (the work ended normally). */
    public static final class OnSignal implements AutoCloseable {
        private final Thread hook;

        private OnSignal(Thread hook) {
            this.hook = hook;
        }

        @Override
        public void close() {
            remove(hook);
        }
    }

    /** Runs {@code action} in a thread named {@code name} if the JVM is stopped before the result is closed. */
    public static OnSignal onSignal(String name, Runnable action) {
        Thread hook = new Thread(action, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return new OnSignal(hook);
    }
}
