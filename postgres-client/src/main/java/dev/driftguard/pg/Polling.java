package dev.driftguard.pg;

import java.time.Duration;

/**
 * Waits for a state that nothing announces (a server ready, a slot released, replication caught up) by looking at it
 * every interval until a deadline: the one such loop, so that each caller only says what it looks at and what its
 * timeout message is.
 */
public final class Polling {

    /** One look at the awaited state. */
    @FunctionalInterface
    public interface Check<E extends Exception> {
        /** Whether the awaited state has been reached (a look may itself wait, hence InterruptedException). */
        boolean reached() throws E, InterruptedException;
    }

    private Polling() {}

    /**
     * Looks at once, then every {@code interval} until {@code check} is reached (true) or {@code timeout} has passed
     * (false: the caller throws its own error naming what it waited for). An exception of the check ends the wait.
     */
    public static <E extends Exception> boolean until(Duration timeout, Duration interval, Check<E> check)
            throws E, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.reached()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(interval.toMillis());
        }
        return true;
    }
}
