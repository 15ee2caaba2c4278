package dev.driftguard.demo;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Ctrl-C, as the demo sees it: the shutdown hook requests the stop and waits a while for the demo to wind down. */
public final class StopSignal {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    public void request() {
        requested.countDown();
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Throws {@link DemoInterruptedException} once a stop was requested. */
    void check() {
        if (isRequested()) {
            throw new DemoInterruptedException();
        }
    }

    /** The demo has returned (or failed): nothing of it runs any more. */
    public void finished() {
        finished.countDown();
    }

    /** Waits until the demo returned, at most {@code timeout}; true if it did. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The demo stopped early because of Ctrl-C. */
    static final class DemoInterruptedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DemoInterruptedException() {
            super("the demo was interrupted (Ctrl-C); the databases and Kafka are stopped and their files deleted");
        }
    }
}
