package dev.driftguard.stack;

import java.util.Objects;

/**
 * A stop action that runs exactly once: when closed, or from a JVM shutdown hook if the JVM exits first (Ctrl-C,
 * SIGTERM), so that a local server never outlives the JVM that started it.
 */
final class StopOnce implements AutoCloseable {

    private final Runnable stop;
    private final Thread hook;
    private boolean done;

    StopOnce(String hookName, Runnable stop) {
        this.stop = Objects.requireNonNull(stop, "stop");
        this.hook = new Thread(() -> run(false), hookName);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs the stop action unless it already ran; idempotent. */
    @Override
    public void close() {
        run(true);
    }

    private synchronized void run(boolean removeHook) {
        if (done) {
            return;
        }
        done = true;
        if (removeHook) {
            ShutdownHooks.remove(hook);
        }
        stop.run();
    }
}
