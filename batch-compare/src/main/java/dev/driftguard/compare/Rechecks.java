package dev.driftguard.compare;

import dev.driftguard.compare.diff.TableRecheck;
import dev.driftguard.compare.exec.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recheck phase: confirms detected differences right away, then looks at those still open again in rounds after
 * the recheck delay, so that rows that were only in flight are not reported.
 */
record Rechecks(CompareOptions options, Workers workers, ProgressTracker progress) {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCompare.class);

    void run(List<TableRun> runs) {
        List<TableRun> open = new ArrayList<>();
        for (TableRun run : runs) {
            if (!run.failed() && !run.sink.kept().isEmpty()) {
                run.recheck = new TableRecheck(run.sql, options, run.sink.kept());
                open.add(run);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        progress.phase(CompareProgress.Phase.RECHECKING);
        observe(open);
        for (int round = 1; round <= options.recheckRounds(); round++) {
            open = open.stream().filter(r -> !r.failed() && r.recheck.hasOpen()).toList();
            if (open.isEmpty()) {
                return;
            }
            sleep(options.recheckDelay().toMillis());
            LOG.info(
                    "recheck round {} of {}: {} table(s) with open differences",
                    round,
                    options.recheckRounds(),
                    open.size());
            observe(open);
        }
    }

    private void observe(List<TableRun> runs) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (TableRun run : runs) {
            futures.add(workers.submit(s -> {
                try {
                    run.recheck.observe(s);
                } catch (RuntimeException e) {
                    run.fail("recheck", e);
                }
                return null;
            }));
        }
        futures.forEach(Futures::await);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the recheck delay");
        }
    }
}
