package dev.driftguard.stack;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Starts servers in parallel, each on a thread of its own. Not the common ForkJoinPool: starting a server blocks on
 * external processes for seconds, which would starve unrelated users of that pool.
 */
final class Background {

    private Background() {}

    static <T> CompletableFuture<T> start(String threadName, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            thread.start();
        });
    }
}
