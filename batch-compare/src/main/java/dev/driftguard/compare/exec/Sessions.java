package dev.driftguard.compare.exec;

import dev.driftguard.avro.Side;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.pg.PgErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's access to both databases: its own connection to each side, work on both sides at the same time, and
 * retries of errors that retrying can fix (each attempt runs the work again from the start, in a new transaction, so
 * work must not change anything outside what it returns).
 */
public final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final ConnectionPair connections;
    private final ExecutorService targetSide;
    private final int retries;
    private final Duration backoff;

    Sessions(ConnectionPair connections, ExecutorService targetSide, int retries, Duration backoff) {
        this.connections = connections;
        this.targetSide = targetSide;
        this.retries = retries;
        this.backoff = backoff;
    }

    /** Runs {@code work} on both sides at once; {@code what} names the work in errors. */
    public <T> BothSides<T> both(String what, SideWork<T> work) {
        Future<T> target = targetSide.submit(() -> on(Side.TARGET, what, work));
        T source;
        try {
            source = on(Side.SOURCE, what, work);
        } catch (RuntimeException e) {
            awaitQuietly(target, e);
            throw e;
        }
        return new BothSides<>(source, await(target));
    }

    /** Runs {@code work} on one side, retrying retriable errors with exponential backoff. */
    public <T> T on(Side side, String what, SideWork<T> work) {
        for (int attempt = 0; ; attempt++) {
            try {
                Connection connection = connections.connection(side);
                T result = work.run(side, connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                connections.recover(side);
                // Compare sessions are read-only by design: a write attempt (from a --where predicate) stays one.
                boolean retriable =
                        PgErrors.classify(e) == PgErrors.Kind.RETRIABLE && !PgErrors.isReadOnlyTransaction(e);
                if (!retriable || attempt >= retries) {
                    throw new DatabaseAccessException(label(side) + " " + what + ": " + PgErrors.explain(e), e);
                }
                if (PgErrors.isConnectionLost(e)) {
                    connections.discard(side);
                }
                pause(side, what, attempt, e);
            } catch (DatabaseAccessException e) {
                if (!e.isRetriable() || attempt >= retries) {
                    throw e;
                }
                connections.discard(side);
                pause(side, what, attempt, e);
            }
        }
    }

    private void pause(Side side, String what, int attempt, Exception cause) {
        Duration wait = backoff.multipliedBy(1L << Math.min(attempt, 10));
        LOG.warn(
                "{} {}: {} (retry {} of {} in {} ms)",
                label(side),
                what,
                cause.getMessage(),
                attempt + 1,
                retries,
                wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry " + what, e);
        }
    }

    private static String label(Side side) {
        return side == Side.SOURCE ? "source" : "target";
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("interrupted while waiting for the target side", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("target side failed: " + e.getCause(), e.getCause());
        }
    }

    /** Waits for the other side to finish (its connection must be idle before reuse) without hiding {@code cause}. */
    private static void awaitQuietly(Future<?> future, RuntimeException cause) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(e);
        } catch (ExecutionException e) {
            cause.addSuppressed(e.getCause());
        }
    }
}
