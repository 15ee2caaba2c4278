package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rows changing while they are compared must not be reported as confirmed differences after recheck. */
@ExtendWith(LocalStackExtension.class)
class LiveDataITCase {

    private static final int ROWS = 20_000;
    private static final int HOT_ROWS = 20;
    private static final long LAG_MILLIS = 300;

    /**
     * Writes like replication would: each update lands on the source, and {@value #LAG_MILLIS} ms later on the
     * target, one hot row after the other, so that a hot row of its range differs between the sides nearly all the
     * time, but never for long.
     */
    private static final class ReplicatedWriter implements Runnable {
        private final Connection source;
        private final Connection target;
        private final int firstId;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger updates = new AtomicInteger();
        private volatile Exception failure;

        ReplicatedWriter(LocalPostgres postgres, ComparePair pair, int firstId) {
            this.source = postgres.connect(pair.source);
            this.target = postgres.connect(pair.target);
            this.firstId = firstId;
        }

        @Override
        public void run() {
            SplittableRandom random = new SplittableRandom(firstId);
            String sql = "UPDATE live SET v = ?, n = n + 1 WHERE id = ?";
            try (PreparedStatement s = source.prepareStatement(sql);
                    PreparedStatement t = target.prepareStatement(sql)) {
                while (!stop.get()) {
                    int id = firstId + random.nextInt(HOT_ROWS);
                    String value = Long.toHexString(random.nextLong());
                    s.setString(1, value);
                    s.setInt(2, id);
                    s.executeUpdate();
                    Thread.sleep(LAG_MILLIS);
                    t.setString(1, value);
                    t.setInt(2, id);
                    t.executeUpdate();
                    updates.incrementAndGet();
                }
            } catch (SQLException | InterruptedException e) {
                failure = e;
            } finally {
                try {
                    source.close();
                    target.close();
                } catch (SQLException e) {
                    failure = e;
                }
            }
        }
    }

    /** Three writers on hot rows in different segments, running while {@code compare} runs. */
    private static CompareResult whileWriting(LocalPostgres postgres, ComparePair pair, Supplier<CompareResult> compare)
            throws InterruptedException {
        List<ReplicatedWriter> writers = List.of(
                new ReplicatedWriter(postgres, pair, 1),
                new ReplicatedWriter(postgres, pair, ROWS / 2),
                new ReplicatedWriter(postgres, pair, ROWS - HOT_ROWS));
        List<Thread> threads =
                writers.stream().map(w -> new Thread(w, "replicated-writer")).toList();
        threads.forEach(Thread::start);
        try {
            Thread.sleep(50);
            return compare.get();
        } finally {
            writers.forEach(w -> w.stop.set(true));
            for (Thread t : threads) {
                t.join();
            }
            for (ReplicatedWriter w : writers) {
                assertThat(w.failure).isNull();
                assertThat(w.updates.get()).isPositive();
            }
        }
    }

    @Test
    void concurrentWritesGiveNoConfirmedFalsePositives(LocalPostgres postgres) throws Exception {
        ComparePair pair = ComparePair.create(postgres, "live");
        pair.onBoth(
                "CREATE TABLE live (id int PRIMARY KEY, v text NOT NULL, n int NOT NULL)",
                "INSERT INTO live SELECT g, md5(g::text), 0 FROM generate_series(1, " + ROWS + ") g",
                "ANALYZE live");

        CompareResult result = whileWriting(
                postgres,
                pair,
                () -> pair.compare(o -> o.segmentRows(2_000).recheckRounds(2).recheckDelay(Duration.ofMillis(700))));

        TableResult live = ComparePair.table(result, "public.live");
        assertThat(live.converged() + live.inFlight().size())
                .as("rows seen changing (converged or in flight)")
                .isPositive();
        assertThat(live.differences()).as("confirmed differences").isEmpty();
        assertThat(live.counts().total()).isZero();
        assertThat(live.status()).isEqualTo(TableStatus.IDENTICAL);

        // Once writes stop, the two sides agree and nothing is in flight.
        TableResult settled = ComparePair.table(pair.compare(), "public.live");
        assertThat(settled.status()).isEqualTo(TableStatus.IDENTICAL);
        assertThat(settled.inFlight()).isEmpty();
    }

    @Test
    void aRealDifferenceSurvivesRecheckWhileOtherRowsChange(LocalPostgres postgres) throws Exception {
        ComparePair pair = ComparePair.create(postgres, "live_real");
        pair.onBoth(
                "CREATE TABLE live (id int PRIMARY KEY, v text NOT NULL, n int NOT NULL)",
                "INSERT INTO live SELECT g, md5(g::text), 0 FROM generate_series(1, " + ROWS + ") g",
                "ANALYZE live");
        pair.onTarget("UPDATE live SET v = 'lost update' WHERE id = " + (ROWS / 4));
        CompareResult result = whileWriting(
                postgres,
                pair,
                () -> pair.compare(o -> o.segmentRows(2_000).recheckRounds(2).recheckDelay(Duration.ofMillis(700))));

        TableResult live = ComparePair.table(result, "public.live");
        assertThat(live.differences())
                .extracting(d -> d.key().values().get(0) + " " + d.columns())
                .containsExactly((ROWS / 4) + " [v]");
    }
}
