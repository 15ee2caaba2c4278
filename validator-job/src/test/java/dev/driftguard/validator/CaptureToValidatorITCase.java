package dev.driftguard.validator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.row.TableId;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.PostgresPair;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pipeline: a source and a target PostgreSQL with native logical replication, embedded capture of both into
 * Kafka, the validator in a MiniCluster. Under a steady write workload on the source, drift injected directly on the
 * target (an UPDATE, a DELETE, an INSERT) is reported as exactly those three drifts within tolerance + 5 s; repairing
 * them resolves each, and the open-drift count returns to 0.
 */
@ExtendWith(LocalStackExtension.class)
class CaptureToValidatorITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    /** The default: native replication on this shared 2-core machine can fall seconds behind under load. */
    private static final Duration TOLERANCE = ValidatorOptions.TOLERANCE.defaultValue();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int WORKLOAD_KEYS = 500;
    /** Workload changes validated on both sides before tampering starts: the workload then runs steadily. */
    private static final int STEADY_WORKLOAD_EVENTS = 100;

    private static final List<TableId> ORDERS = List.of(new TableId("public", "orders"));

    @Test
    void injectedDriftIsFoundAndResolvedAndNothingElse(
            PostgresPair pair, LocalKafka kafka, LocalPostgres audit, @TempDir Path checkpoints) throws Exception {
        String db = pair.createUniqueDatabase("e2e");
        pair.executeOnBoth(
                db,
                "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL,"
                        + " amount numeric(12,2), updated_at timestamptz NOT NULL DEFAULT now())");
        pair.source()
                .execute(
                        db,
                        "INSERT INTO orders (id, status, amount) SELECT g, 'new', g * 1.5" + " FROM generate_series(1, "
                                + WORKLOAD_KEYS + ") g");
        pair.source()
                .execute(db, "INSERT INTO orders (id, status, amount) VALUES (9001, 'paid', 10), (9002, 'paid', 20)");
        pair.replicate(db);
        pair.awaitCaughtUp(db, WAIT);

        String migration = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String auditDb = audit.uri(audit.createUniqueDatabase("e2e_audit"));
        KafkaTopics topics = new KafkaTopics(kafka, migration, 2);
        ValidatorLaunch launch =
                TestLaunches.fastCheckpoints(migration, TOLERANCE, kafka.bootstrapServers(), auditDb, checkpoints);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(launch.flinkConfiguration());
        launch.addTo(env);
        JobClient job = env.executeAsync("validator " + migration);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong workloadWrites = new AtomicLong();
        Thread workload = new Thread(() -> runWorkload(pair.source(), db, writing, workloadWrites), "e2e-workload");
        try (EmbeddedCapture source =
                        TestCaptures.streaming(migration, Side.SOURCE, pair.source(), db, kafka, ORDERS, WAIT);
                EmbeddedCapture target =
                        TestCaptures.streaming(migration, Side.TARGET, pair.target(), db, kafka, ORDERS, WAIT)) {
            // Both snapshots validated first, then the workload; tampering starts once that runs steadily.
            topics.awaitEventsOnBothSides(WORKLOAD_KEYS + 2, WAIT);
            workload.start();
            topics.awaitEventsOnBothSides(WORKLOAD_KEYS + 2 + STEADY_WORKLOAD_EVENTS, WAIT);
            Instant injectedAt = Instant.now();
            pair.target()
                    .execute(
                            db,
                            "UPDATE orders SET status = 'tampered' WHERE id = 9001",
                            "DELETE FROM orders WHERE id = 9002",
                            "INSERT INTO orders (id, status, amount) VALUES (9003, 'ghost', 0)");

            List<DriftEvent> drifts = topics.awaitDrifts(events -> events.size() >= 3, WAIT);
            assertThat(drifts)
                    .extracting(d -> d.getKey().get(0).getValue())
                    .containsExactlyInAnyOrder("9001", "9002", "9003");
            Map<String, DriftEvent> byKey = byKey(drifts);
            assertThat(byKey).containsOnlyKeys("9001", "9002", "9003");
            assertThat(byKey.get("9001").getKind()).isEqualTo(DriftKind.VALUE_MISMATCH);
            assertThat(byKey.get("9001").getColumns()).containsExactly("status");
            assertThat(byKey.get("9001").getTargetValues()).containsEntry("status", "tampered");
            assertThat(byKey.get("9002").getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);
            assertThat(byKey.get("9003").getKind()).isEqualTo(DriftKind.EXTRA_ON_TARGET);
            for (DriftEvent drift : drifts) {
                assertThat(Duration.between(injectedAt, drift.getDetectedAtMicros()))
                        .as("drift %s reported within tolerance + 5 s", drift.getKey())
                        .isLessThanOrEqualTo(TOLERANCE.plusSeconds(5));
            }

            // The workload keeps going; nothing else is reported while the target is tampered with: not within the
            // tolerance, nor at the two checkpoints after it that would commit such a report.
            TestCheckpoints.awaitCompletedAfter(checkpoints, Instant.now().plus(TOLERANCE), 2, WAIT);
            assertThat(topics.currentDrifts()).hasSize(3);

            repairFromSource(pair, db);
            writing.set(false);
            workload.join();
            assertThat(workloadWrites.get()).as("the workload ran").isPositive();

            List<DriftEvent> all = topics.awaitResolutions(3, WAIT);
            assertThat(all).hasSize(6);
            assertThat(all.stream()
                            .filter(e -> e.getKind() == DriftKind.RESOLVED)
                            .map(DriftEvent::getDriftId))
                    .containsExactlyInAnyOrderElementsOf(
                            drifts.stream().map(DriftEvent::getDriftId).toList());
            // Every change validated: the workload's on both sides, plus three injections and three repairs.
            List<ValidationStatus> statuses = topics.awaitStatuses(
                    read -> {
                        ValidationStatus latest = latestOfMigration(read);
                        return latest != null
                                && latest.getOpenDrifts() == 0
                                && latest.getEventsTarget() == latest.getEventsSource() + 6;
                    },
                    WAIT);
            ValidationStatus settled = latestOfMigration(statuses);
            assertThat(settled.getOpenDrifts()).isZero();
            assertThat(settled.getLagMaxMillis())
                    .as("replication lag measured from the data")
                    .isPositive();
        } finally {
            writing.set(false);
            workload.join();
            job.cancel().get();
        }
    }

    /** Makes the tampered rows equal to the source's again, directly on the target. */
    private static void repairFromSource(PostgresPair pair, String db) throws Exception {
        pair.target().execute(db, "DELETE FROM orders WHERE id = 9003");
        try (Connection source = pair.source().connect(db);
                Connection target = pair.target().connect(db);
                PreparedStatement read = source.prepareStatement(
                        "SELECT id, status, amount, updated_at FROM orders WHERE id IN (9001, 9002)");
                PreparedStatement write = target.prepareStatement("INSERT INTO orders (id, status, amount, updated_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status,"
                        + " amount = EXCLUDED.amount, updated_at = EXCLUDED.updated_at");
                var rows = read.executeQuery()) {
            while (rows.next()) {
                write.setLong(1, rows.getLong(1));
                write.setString(2, rows.getString(2));
                write.setBigDecimal(3, rows.getBigDecimal(3));
                write.setObject(4, rows.getObject(4));
                write.executeUpdate();
            }
        }
    }

    /** Updates, inserts and deletes on the source's keys 1..500 (never the drift keys), about 100 per second. */
    private static void runWorkload(LocalPostgres source, String db, AtomicBoolean writing, AtomicLong writes) {
        try (Connection c = source.connect(db);
                PreparedStatement update = c.prepareStatement(
                        "UPDATE orders SET status = ?, amount = amount + 1, updated_at = now() WHERE id = ?");
                PreparedStatement upsert =
                        c.prepareStatement("INSERT INTO orders (id, status, amount) VALUES (?, 'new', 1)"
                                + " ON CONFLICT (id) DO NOTHING");
                PreparedStatement delete = c.prepareStatement("DELETE FROM orders WHERE id = ?")) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String[] statuses = {"new", "paid", "shipped", "delivered"};
            while (writing.get()) {
                long id = 1 + random.nextInt(WORKLOAD_KEYS);
                int roll = random.nextInt(10);
                if (roll < 7) {
                    update.setString(1, statuses[random.nextInt(statuses.length)]);
                    update.setLong(2, id);
                    update.executeUpdate();
                } else if (roll < 9) {
                    upsert.setLong(1, id);
                    upsert.executeUpdate();
                } else {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                }
                writes.incrementAndGet();
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("workload failed", e);
        }
    }

    private static ValidationStatus latestOfMigration(List<ValidationStatus> statuses) {
        return statuses.stream()
                .filter(s -> s.getTable() == null)
                .reduce((a, b) -> b)
                .orElse(null);
    }

    private static Map<String, DriftEvent> byKey(List<DriftEvent> drifts) {
        return drifts.stream().collect(Collectors.toMap(d -> d.getKey().get(0).getValue(), Function.identity()));
    }
}
