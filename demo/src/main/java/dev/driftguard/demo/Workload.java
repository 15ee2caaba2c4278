package dev.driftguard.demo;

import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady write workload on the source, in its own thread: orders placed (insert + balance update in one
 * transaction), shipped and deleted, account profiles updated, paced to a number of row changes per second. It only
 * touches accounts above the reserved range and the orders it created itself.
 */
final class Workload implements AutoCloseable {

    private static final String PLACE_ORDER = "INSERT INTO public.orders"
            + " (order_id, account_id, status, amount, placed_at, items)"
            + " VALUES (?, ?, 'paid', ?, now(), jsonb_build_array(jsonb_build_object('sku', ?, 'qty', ?)))";
    private static final String DEBIT =
            "UPDATE public.accounts SET balance = balance - ?, updated_at = now() WHERE id = ?";
    private static final String SHIP = "UPDATE public.orders SET status = 'shipped' WHERE order_id = ?";
    private static final String DELETE_ORDER = "DELETE FROM public.orders WHERE order_id = ?";
    private static final String TOUCH_PROFILE = "UPDATE public.accounts"
            + " SET profile = jsonb_set(profile, '{last_login}', to_jsonb(now())), updated_at = now() WHERE id = ?";

    /** Orders the workload keeps before it starts deleting its oldest ones. */
    private static final int OPEN_ORDERS = 100;

    private static final Duration MAX_BACKLOG = Duration.ofSeconds(1);

    private final ConnectionSpec source;
    private final int writesPerSecond;
    private final SplittableRandom random = new SplittableRandom(20_240_601L);
    /** Orders this workload placed, oldest first, and those of them not shipped yet. */
    private final ArrayDeque<UUID> placed = new ArrayDeque<>();

    private final List<UUID> unshipped = new ArrayList<>();
    private final AtomicLong rowChanges = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private long startedNanos;
    private long stoppedNanos;

    Workload(ConnectionSpec source, int writesPerSecond) {
        this.source = source;
        this.writesPerSecond = writesPerSecond;
        this.thread = new Thread(this::run, "driftguard-demo-workload");
        this.thread.setDaemon(true);
    }

    void start() {
        startedNanos = System.nanoTime();
        thread.start();
    }

    /** Row changes committed on the source so far. */
    long rowChanges() {
        return rowChanges.get();
    }

    /** How long the workload ran (until now while it runs). */
    Duration ranFor() {
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        return Duration.ofNanos(end - startedNanos);
    }

    /** Throws the workload's failure, if it stopped because of one. */
    void checkHealthy() {
        Throwable failed = failure;
        if (failed != null) {
            throw new IllegalStateException("the demo workload on the source failed: " + failed.getMessage(), failed);
        }
    }

    /** Stops the workload after its current transaction. Idempotent. */
    @Override
    public void close() {
        stopping = true;
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (stoppedNanos == 0 && startedNanos != 0) {
            stoppedNanos = System.nanoTime();
        }
    }

    private void run() {
        try (Connection c = source.connect();
                PreparedStatement place = c.prepareStatement(PLACE_ORDER);
                PreparedStatement debit = c.prepareStatement(DEBIT);
                PreparedStatement ship = c.prepareStatement(SHIP);
                PreparedStatement delete = c.prepareStatement(DELETE_ORDER);
                PreparedStatement touch = c.prepareStatement(TOUCH_PROFILE)) {
            c.setAutoCommit(false);
            long nanosPerChange = TimeUnit.SECONDS.toNanos(1) / writesPerSecond;
            long due = System.nanoTime();
            while (!stopping) {
                int changes = oneTransaction(place, debit, ship, delete, touch);
                c.commit();
                rowChanges.addAndGet(changes);
                due += changes * nanosPerChange;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (-wait > MAX_BACKLOG.toNanos()) {
                    // Fell behind (busy machine): continue at the rate from now on instead of catching up in a burst.
                    due = System.nanoTime();
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure = e instanceof SQLException sql
                    ? new DatabaseAccessException("workload write on " + source + " failed: " + sql.getMessage(), sql)
                    : e;
        }
    }

    private int oneTransaction(
            PreparedStatement place,
            PreparedStatement debit,
            PreparedStatement ship,
            PreparedStatement delete,
            PreparedStatement touch)
            throws SQLException {
        int dice = random.nextInt(100);
        if (dice < 25 && !unshipped.isEmpty()) {
            // Only unshipped orders: a no-op update is a change event whose row hash equals the previous version,
            // which the validator cannot tell apart from that version when it pairs the sides.
            int pick = random.nextInt(unshipped.size());
            UUID order = unshipped.get(pick);
            unshipped.set(pick, unshipped.get(unshipped.size() - 1));
            unshipped.remove(unshipped.size() - 1);
            ship.setObject(1, order);
            return ship.executeUpdate();
        }
        if (dice < 40 && placed.size() >= OPEN_ORDERS) {
            UUID order = placed.removeFirst();
            unshipped.remove(order);
            delete.setObject(1, order);
            return delete.executeUpdate();
        }
        if (dice < 60) {
            touch.setLong(1, workloadAccount());
            return touch.executeUpdate();
        }
        UUID order = UUID.randomUUID();
        long account = workloadAccount();
        BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(20_000), 2);
        place.setObject(1, order);
        place.setLong(2, account);
        place.setBigDecimal(3, amount);
        place.setString(4, "SKU-" + random.nextInt(97));
        place.setInt(5, 1 + random.nextInt(4));
        debit.setBigDecimal(1, amount);
        debit.setLong(2, account);
        int changes = place.executeUpdate() + debit.executeUpdate();
        placed.addLast(order);
        unshipped.add(order);
        return changes;
    }

    private long workloadAccount() {
        return DemoSchema.RESERVED_ACCOUNTS
                + 1
                + random.nextInt(DemoSchema.ACCOUNT_COUNT - DemoSchema.RESERVED_ACCOUNTS);
    }
}
