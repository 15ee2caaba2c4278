package dev.driftguard.compare.exec;

import dev.driftguard.pg.ConnectionSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool every database task runs on: {@code threads} workers, each with one connection to each side (so at
 * most {@code threads} connections per database), and as many helper threads that run the target half of
 * {@link Sessions#both} while the worker runs the source half.
 */
public final class Workers implements AutoCloseable {

    /** A unit of work that needs the databases. */
    @FunctionalInterface
    public interface Task<T> {
        T run(Sessions sessions) throws Exception;
    }

    private final ExecutorService workers;
    private final ExecutorService targetSide;
    private final BlockingQueue<Sessions> sessions;
    private final List<ConnectionPair> connections = new ArrayList<>();

    public Workers(
            ConnectionSpec source,
            ConnectionSpec target,
            int threads,
            Duration statementTimeout,
            int retries,
            Duration backoff) {
        this.workers = Executors.newFixedThreadPool(threads, named("driftguard-compare-"));
        this.targetSide = Executors.newFixedThreadPool(threads, named("driftguard-compare-target-"));
        this.sessions = new ArrayBlockingQueue<>(threads);
        for (int i = 0; i < threads; i++) {
            ConnectionPair pair = new ConnectionPair(source, target, statementTimeout);
            connections.add(pair);
            sessions.add(new Sessions(pair, targetSide, retries, backoff));
        }
    }

    /** Runs {@code task} on a worker with that worker's sessions. */
    public <T> CompletableFuture<T> submit(Task<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        workers.execute(() -> {
            Sessions s;
            try {
                s = sessions.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
                return;
            }
            try {
                result.complete(task.run(s));
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            } finally {
                sessions.add(s);
            }
        });
        return result;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the threads (running tasks are interrupted) and closes every connection. */
    @Override
    public void close() {
        workers.shutdownNow();
        targetSide.shutdownNow();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
            targetSide.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(ConnectionPair::close);
    }
}
