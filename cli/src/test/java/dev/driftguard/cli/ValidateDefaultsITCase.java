package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.Side;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.row.TableId;
import dev.driftguard.stack.FileTrees;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.PostgresPair;
import dev.driftguard.stack.junit.LocalStackExtension;
import dev.driftguard.validator.KafkaTopics;
import dev.driftguard.validator.TestCaptures;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.ValidatorStateDirectory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftguard validate} exactly as the README shows it — no checkpoint option, so checkpoints go to the default
 * state directory — over ordinary captured tables: documents whose every tenth row carries a 128 KB text (TOASTed;
 * ~26 MB of text, far over Flink's 5 MB in-memory checkpoint limit if kept in full) and line items with a composite
 * text key, under a write workload on the source with three drifts made directly on the target.
 */
@ExtendWith(LocalStackExtension.class)
class ValidateDefaultsITCase {

    private static final Duration TOLERANCE = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int DOCUMENTS = 2_000;
    private static final int ORDERS = 1_000;
    private static final TableId DOCUMENTS_TABLE = new TableId("public", "documents");
    private static final TableId LINE_ITEMS_TABLE = new TableId("public", "line_items");

    @Test
    void reportsExactlyTheInjectedDriftsWithDefaultOptionsAndResumesFromTheDefaultCheckpointDirectory(
            PostgresPair pair, LocalKafka kafka, LocalPostgres audit, @TempDir Path work) throws Exception {
        String db = createTables(pair);
        String migration = "defaults-" + UUID.randomUUID().toString().substring(0, 8);
        Path stateOfMigration = ValidatorStateDirectory.checkpointsOf(migration).getParent();
        String auditDb = audit.uri(audit.createUniqueDatabase("defaults_audit"));
        KafkaTopics topics = new KafkaTopics(kafka, migration, 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong writes = new AtomicLong();
        Thread workload = new Thread(() -> runWorkload(pair.source(), db, writing, writes), "defaults-workload");
        List<TableId> tables = List.of(DOCUMENTS_TABLE, LINE_ITEMS_TABLE);
        try (EmbeddedCapture source =
                        TestCaptures.streaming(migration, Side.SOURCE, pair.source(), db, kafka, tables, WAIT);
                EmbeddedCapture target =
                        TestCaptures.streaming(migration, Side.TARGET, pair.target(), db, kafka, tables, WAIT)) {
            List<DriftEvent> drifts;
            long firstStarted = System.nanoTime();
            try (CliProcess first = CliProcess.validate(
                    work, "validate-1", migration, kafka.bootstrapServers(), auditDb, "--tolerance", "5s")) {
                first.awaitOut(out -> out.contains("checkpoints go to " + stateOfMigration), WAIT);
                // Both snapshots validated first (committed statuses, so checkpoints complete), then the workload.
                topics.awaitEventsOnBothSides(DOCUMENTS + 3L * ORDERS, WAIT);
                workload.start();
                Thread.sleep(3_000);
                Instant injectedAt = Instant.now();
                pair.target()
                        .execute(
                                db,
                                "UPDATE documents SET title = 'tampered' WHERE id = 10",
                                "DELETE FROM line_items WHERE order_code = 'ORD-00042' AND line_no = 2",
                                "INSERT INTO documents (id, title, body) VALUES (900001, 'ghost', repeat('g', 150000))");
                drifts = topics.awaitDrifts(events -> events.size() >= 3, WAIT);
                Duration visibleAfter = Duration.between(injectedAt, Instant.now());
                assertThat(visibleAfter)
                        .as("the three drifts are committed within tolerance + 10 s")
                        .isLessThanOrEqualTo(TOLERANCE.plusSeconds(10));
                assertInjectedDrifts(drifts);
                Thread.sleep(TOLERANCE.plusSeconds(3).toMillis());
                assertThat(topics.currentDrifts())
                        .as("nothing else is reported")
                        .hasSize(3);
                assertThat(health(auditDb, migration)).isEqualTo("healthy");
                assertThat(first.out()).contains("| checkpoint ").doesNotContain("DEGRADED");
                long intervals = Duration.ofNanos(System.nanoTime() - firstStarted)
                                .dividedBy(ValidatorOptions.STATUS_INTERVAL.defaultValue())
                        - 2;
                assertThat(first.out().lines().filter(line -> line.contains("| checkpoint ")))
                        .as("a status line every status interval, also when nothing changed")
                        .hasSizeGreaterThanOrEqualTo((int) intervals);
                first.terminate(WAIT);
            }
            assertThat(health(auditDb, migration)).isEqualTo("stopped");

            repairFromSource(pair, db);
            try (CliProcess second = CliProcess.validate(
                    work, "validate-2", migration, kafka.bootstrapServers(), auditDb, "--tolerance", "5s")) {
                second.awaitOut(out -> out.contains("resuming from checkpoint " + stateOfMigration), WAIT);
                List<DriftEvent> all = topics.awaitResolutions(3, WAIT);
                writing.set(false);
                workload.join();
                assertThat(writes.get()).as("the workload ran").isPositive();
                Thread.sleep(TOLERANCE.plusSeconds(3).toMillis());
                assertThat(topics.currentDrifts())
                        .as("after the restart: each drift once, each resolution once")
                        .hasSize(6);
                assertThat(all.stream()
                                .filter(e -> e.getKind() == DriftKind.RESOLVED)
                                .map(DriftEvent::getDriftId))
                        .containsExactlyInAnyOrderElementsOf(
                                drifts.stream().map(DriftEvent::getDriftId).toList());
                assertThat(findings(auditDb, migration)).containsExactly(3L, 3L);
                second.terminate(WAIT);
            }
        } finally {
            writing.set(false);
            if (workload.isAlive()) {
                workload.join();
            }
            FileTrees.deleteRecursively(stateOfMigration);
        }
    }

    private static String createTables(PostgresPair pair) {
        String db = pair.createUniqueDatabase("defaults");
        pair.executeOnBoth(
                db,
                "CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL, body text,"
                        + " updated_at timestamptz NOT NULL DEFAULT now())",
                "CREATE TABLE line_items (order_code text, line_no int, sku text NOT NULL, qty int NOT NULL,"
                        + " PRIMARY KEY (order_code, line_no))");
        pair.source()
                .execute(
                        db,
                        // Every tenth body is 128 KB of md5 text: stored out of line (TOAST), hardly compressible.
                        "INSERT INTO documents (id, title, body) SELECT i, 'doc ' || i, CASE WHEN i % 10 = 0 THEN"
                                + " (SELECT string_agg(md5(i::text || '-' || g), '') FROM generate_series(1, 4000) g)"
                                + " ELSE 'short body ' || i END FROM generate_series(1, " + DOCUMENTS + ") i",
                        "INSERT INTO line_items SELECT 'ORD-' || lpad(o::text, 5, '0'), l, 'SKU-' || (o * l % 97), l"
                                + " FROM generate_series(1, " + ORDERS + ") o, generate_series(1, 3) l");
        pair.replicate(db);
        pair.awaitCaughtUp(db, WAIT);
        return db;
    }

    private static void assertInjectedDrifts(List<DriftEvent> drifts) {
        Map<String, DriftEvent> byKey =
                drifts.stream().collect(Collectors.toMap(ValidateDefaultsITCase::keyOf, Function.identity()));
        assertThat(byKey).containsOnlyKeys("documents:10", "line_items:ORD-00042/2", "documents:900001");
        DriftEvent update = byKey.get("documents:10");
        assertThat(update.getKind()).isEqualTo(DriftKind.VALUE_MISMATCH);
        assertThat(update.getColumns()).containsExactly("title");
        assertThat(update.getTargetValues()).containsEntry("title", "tampered");
        assertThat(byKey.get("line_items:ORD-00042/2").getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);
        assertThat(byKey.get("documents:900001").getKind()).isEqualTo(DriftKind.EXTRA_ON_TARGET);
    }

    private static String keyOf(DriftEvent drift) {
        return drift.getTable() + ":"
                + drift.getKey().stream().map(k -> k.getValue()).collect(Collectors.joining("/"));
    }

    /** Makes the three tampered rows equal to the source's again, directly on the target. */
    private static void repairFromSource(PostgresPair pair, String db) throws Exception {
        pair.target()
                .execute(
                        db,
                        "UPDATE documents SET title = 'doc 10' WHERE id = 10",
                        "INSERT INTO line_items VALUES ('ORD-00042', 2, 'SKU-" + (42 * 2 % 97) + "', 2)",
                        "DELETE FROM documents WHERE id = 900001");
    }

    /** Title and quantity updates on keys the drifts never touch (documents 1001+, orders 500+), ~50 per second. */
    private static void runWorkload(LocalPostgres source, String db, AtomicBoolean writing, AtomicLong writes) {
        try (Connection c = source.connect(db);
                PreparedStatement title =
                        c.prepareStatement("UPDATE documents SET title = ?, updated_at = now() WHERE id = ?");
                PreparedStatement qty = c.prepareStatement(
                        "UPDATE line_items SET qty = qty + 1 WHERE order_code = ? AND line_no = ?")) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (writing.get()) {
                if (random.nextBoolean()) {
                    title.setString(1, "title " + random.nextInt(1_000_000));
                    title.setLong(2, 1_001 + random.nextInt(DOCUMENTS - 1_000));
                    title.executeUpdate();
                } else {
                    qty.setString(1, String.format("ORD-%05d", 500 + random.nextInt(ORDERS - 500)));
                    qty.setInt(2, 1 + random.nextInt(3));
                    qty.executeUpdate();
                }
                writes.incrementAndGet();
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("workload failed", e);
        }
    }

    private static String health(String auditDb, String migration) throws Exception {
        return query(auditDb, "SELECT health FROM driftguard.validator_health WHERE migration_id = ?", migration)
                .get(0)
                .toString();
    }

    /** The migration's stream findings: how many, how many resolved. */
    private static List<Object> findings(String auditDb, String migration) throws Exception {
        return query(
                auditDb,
                "SELECT count(*), count(resolved_at) FROM driftguard.findings WHERE migration_id = ?",
                migration);
    }

    private static List<Object> query(String uri, String sql, String parameter) throws Exception {
        try (Connection c = dev.driftguard.pg.ConnectionSpec.parse(uri).connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a row for %s", parameter).isTrue();
                int n = rs.getMetaData().getColumnCount();
                List<Object> row = new java.util.ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                return row;
            }
        }
    }
}
