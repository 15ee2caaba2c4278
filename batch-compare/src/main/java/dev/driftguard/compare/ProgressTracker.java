package dev.driftguard.compare;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts a run's progress from worker threads and reports snapshots to the listener. */
final class ProgressTracker {

    private final CompareListener listener;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger tablesTotal = new AtomicInteger();
    private final AtomicInteger tablesDone = new AtomicInteger();
    private final AtomicInteger segmentsTotal = new AtomicInteger();
    private final AtomicInteger segmentsDone = new AtomicInteger();
    private final AtomicLong rowsEstimated = new AtomicLong();
    private final AtomicLong rowsDone = new AtomicLong();
    private final AtomicLong rowsComputed = new AtomicLong();
    private volatile CompareProgress.Phase phase = CompareProgress.Phase.DISCOVERING;

    ProgressTracker(CompareListener listener) {
        this.listener = listener;
    }

    void phase(CompareProgress.Phase phase) {
        this.phase = phase;
        report();
    }

    void tables(int total) {
        tablesTotal.set(total);
    }

    void planned(int segments, long estimatedRows) {
        segmentsTotal.addAndGet(segments);
        rowsEstimated.addAndGet(estimatedRows);
    }

    void segmentDone(long rows, boolean computed) {
        segmentsDone.incrementAndGet();
        rowsDone.addAndGet(rows);
        if (computed) {
            rowsComputed.addAndGet(rows);
        }
        report();
    }

    void tableDone() {
        tablesDone.incrementAndGet();
    }

    private void report() {
        listener.progress(snapshot());
    }

    CompareProgress snapshot() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        double seconds = elapsed.toNanos() / 1e9;
        return new CompareProgress(
                phase,
                tablesTotal.get(),
                tablesDone.get(),
                segmentsTotal.get(),
                segmentsDone.get(),
                Math.max(rowsEstimated.get(), rowsDone.get()),
                rowsDone.get(),
                seconds > 0 ? rowsComputed.get() / seconds : 0,
                elapsed);
    }
}
