package dev.driftguard.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.ColumnValue;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValueState;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.engine.OffsetStore;
import dev.driftguard.pg.Lsn;
import dev.driftguard.row.TableId;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import dev.driftguard.stack.junit.SqlValues;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Change semantics through the real connector: TOAST placeholders, key updates, TRUNCATE, schema changes, positions. */
@ExtendWith(LocalStackExtension.class)
class ChangeSemanticsITCase {

    /** About 32 kB of incompressible text: stored out of line (TOASTed). */
    private static final String BIG_TEXT = "(SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 1000))";

    @Test
    void unchangedToastValueIsUnknownWithoutReplicaIdentityFull(LocalPostgres pg, LocalKafka kafka) throws Exception {
        String db = pg.createUniqueDatabase("toast");
        pg.execute(db, "CREATE TABLE doc (id int PRIMARY KEY, title text, body text)");
        pg.execute(db, "INSERT INTO doc VALUES (1, 'a', " + BIG_TEXT + ")");
        try (EmbeddedCapture capture = CaptureFixture.startStreaming(
                CaptureFixture.settings("toast", Side.SOURCE, pg.connectionSpec(db), "doc"),
                kafka.bootstrapServers())) {
            assertThat(capture.prepared().withoutReplicaIdentityFull()).hasSize(1);
            pg.execute(db, "UPDATE doc SET title = 'b' WHERE id = 1");
            List<RowChange> changes = changes(kafka, "driftguard.toast.source", 2);
            RowChange snapshot = changes.get(0);
            RowChange update = changes.get(1);
            assertThat(snapshot.getOp()).isEqualTo(Op.SNAPSHOT);
            assertThat(column(snapshot, "body").getState()).isEqualTo(ValueState.PRESENT);
            assertThat(update.getOp()).isEqualTo(Op.UPDATE);
            assertThat(column(update, "title").getValue()).isEqualTo("b");
            assertThat(column(update, "body").getState()).isEqualTo(ValueState.UNKNOWN);
            assertThat(column(update, "body").getValue()).isNull();
            assertThat(update.getRowHash())
                    .as("no row hash while a value is unknown")
                    .isNull();
        }
    }

    @Test
    void replicaIdentityFullCarriesUnchangedToastValues(LocalPostgres pg, LocalKafka kafka) throws Exception {
        String db = pg.createUniqueDatabase("toast_full");
        pg.execute(db, "CREATE TABLE doc (id int PRIMARY KEY, title text, body text)");
        pg.execute(db, "INSERT INTO doc VALUES (1, 'a', " + BIG_TEXT + ")");
        CaptureSettings settings = CaptureFixture.settings("toast-full", Side.SOURCE, pg.connectionSpec(db), "doc");
        try (EmbeddedCapture capture = CaptureFixture.startStreaming(
                settings, kafka.bootstrapServers(), c -> c.withSetReplicaIdentityFull(true))) {
            assertThat(capture.prepared().withoutReplicaIdentityFull()).isEmpty();
            assertThat(capture.prepared().tables().get(0).replicaIdentityChanged())
                    .isTrue();
            pg.execute(db, "UPDATE doc SET title = 'b' WHERE id = 1");
            List<RowChange> changes = changes(kafka, "driftguard.toast-full.source", 2);
            assertThat(column(changes.get(1), "body").getValue())
                    .isEqualTo(column(changes.get(0), "body").getValue());
            assertThat(changes.get(1).getRowHash()).isNotNull();
        }
    }

    @Test
    void keyUpdateTruncateAndAddedColumn(LocalPostgres pg, LocalKafka kafka) throws Exception {
        String db = pg.createUniqueDatabase("semantics");
        pg.execute(db, "CREATE TABLE item (id int PRIMARY KEY, name text)", "CREATE TABLE other (id int PRIMARY KEY)");
        CaptureSettings settings = CaptureFixture.settings("sem", Side.SOURCE, pg.connectionSpec(db), "item", "other");
        Instant before = Instant.now();
        try (EmbeddedCapture capture =
                CaptureFixture.startStreaming(settings, kafka.bootstrapServers(), c -> c.withTopicPartitions(3))) {
            pg.execute(
                    db,
                    "INSERT INTO item VALUES (1, 'one'), (2, 'two')",
                    "UPDATE item SET id = 10 WHERE id = 1",
                    "ALTER TABLE item ADD COLUMN price numeric",
                    "INSERT INTO item VALUES (3, 'three', 9.90)",
                    "INSERT INTO other VALUES (1)",
                    "TRUNCATE item");
            // 2 inserts, delete + insert for the key update, 1 insert, 1 insert into other, truncate in 3 partitions
            List<TopicRecords.Captured> records =
                    CaptureFixture.read(kafka.bootstrapServers(), "driftguard.sem.source", 9);
            assertThat(records).hasSize(9);

            Map<Op, List<RowChange>> byOp = records.stream()
                    .map(TopicRecords.Captured::change)
                    .filter(c -> c.getTable().equals("item"))
                    .collect(Collectors.groupingBy(RowChange::getOp));
            assertThat(byOp.get(Op.DELETE)).singleElement().satisfies(d -> assertThat(key(d))
                    .isEqualTo("1"));
            assertThat(byOp.get(Op.INSERT))
                    .extracting(ChangeSemanticsITCase::key)
                    .containsExactlyInAnyOrder("1", "2", "10", "3");
            RowChange moved = byOp.get(Op.INSERT).stream()
                    .filter(c -> key(c).equals("10"))
                    .findFirst()
                    .orElseThrow();
            assertThat(column(moved, "name").getValue()).isEqualTo("one");
            assertThat(moved.getColumns()).extracting(ColumnValue::getName).containsExactly("id", "name");
            RowChange withPrice = byOp.get(Op.INSERT).stream()
                    .filter(c -> key(c).equals("3"))
                    .findFirst()
                    .orElseThrow();
            assertThat(withPrice.getColumns()).extracting(ColumnValue::getName).containsExactly("id", "name", "price");
            assertThat(column(withPrice, "price").getValue()).isEqualTo("9.9");

            List<TopicRecords.Captured> truncates = records.stream()
                    .filter(r -> r.change().getOp() == Op.TRUNCATE)
                    .toList();
            assertThat(truncates).extracting(TopicRecords.Captured::partition).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(truncates).allSatisfy(t -> {
                assertThat(t.change().getKey()).isEmpty();
                assertThat(t.change().getTable()).isEqualTo("item");
                assertThat(t.key().encodedKey()).isEqualTo("[]");
            });

            // per-key order: every record of one key is in one partition, in commit order
            Map<String, List<TopicRecords.Captured>> byKey = records.stream()
                    .filter(r -> r.change().getOp() != Op.TRUNCATE)
                    .collect(
                            Collectors.groupingBy(r -> r.key().table() + r.key().encodedKey()));
            assertThat(byKey.get("public.item[\"1\"]"))
                    .extracting(TopicRecords.Captured::partition)
                    .containsOnly(byKey.get("public.item[\"1\"]").get(0).partition());

            Instant after = Instant.now();
            for (TopicRecords.Captured record : records) {
                RowChange change = record.change();
                assertThat(change.getPosition().getLsn()).isPositive();
                assertThat(change.getPosition().getTxId()).isNotNull().isPositive();
                assertThat(change.getPosition().getCommitTimeMicros()).isBetween(before.minusSeconds(1), after);
                assertThat(change.getCaptureTimeMicros())
                        .isBetween(change.getPosition().getCommitTimeMicros(), after);
                assertThat(change.getMigration()).isEqualTo("sem");
                assertThat(change.getSide()).isEqualTo(Side.SOURCE);
            }
            assertThat(capture.delivered()).isEqualTo(7);
        }
    }

    @Test
    void heartbeatsAdvanceTheSlotOfAnIdleDatabase(LocalPostgres pg, LocalKafka kafka) throws Exception {
        String idle = pg.createUniqueDatabase("idle");
        String busy = pg.createUniqueDatabase("busy");
        pg.execute(idle, "CREATE TABLE quiet (id int PRIMARY KEY)");
        pg.execute(busy, "CREATE TABLE noise (id int PRIMARY KEY, v text)");
        CaptureSettings settings = CaptureSettings.builder("idle", Side.SOURCE, pg.connectionSpec(idle))
                .tables(TableSelection.tables(List.of(TableId.parse("quiet"))))
                .heartbeatInterval(Duration.ofMillis(500))
                .build();
        try (EmbeddedCapture capture = CaptureFixture.startStreaming(settings, kafka.bootstrapServers())) {
            // WAL written by another database of the cluster: the idle database's slot must not hold it back
            pg.execute(busy, "INSERT INTO noise SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
            String written = SqlValues.first(pg, busy, "SELECT pg_current_wal_lsn()::text");
            long deadline = System.nanoTime() + CaptureFixture.TIMEOUT.toNanos();
            String confirmed;
            do {
                Thread.sleep(200);
                confirmed = SqlValues.first(
                        pg,
                        idle,
                        "SELECT confirmed_flush_lsn::text FROM pg_replication_slots WHERE slot_name = 'dg_idle_source'");
            } while (Lsn.parse(confirmed).compareTo(Lsn.parse(written)) < 0 && System.nanoTime() < deadline);
            assertThat(Lsn.parse(confirmed))
                    .as("slot confirmed position after the other database's writes at %s", written)
                    .isGreaterThanOrEqualTo(Lsn.parse(written));
            assertThat(capture.delivered()).as("heartbeats are not row changes").isZero();
        }
    }

    @Test
    void fileOffsetsResumeWhereTheCaptureStopped(LocalPostgres pg, LocalKafka kafka, @TempDir Path dir)
            throws Exception {
        String db = pg.createUniqueDatabase("file_offsets");
        pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t VALUES (1)");
        CaptureSettings settings = CaptureFixture.settings("file-offsets", Side.SOURCE, pg.connectionSpec(db), "t");
        OffsetStore offsets = OffsetStore.parse("file:" + dir.resolve("offsets.dat"));
        try (EmbeddedCapture first =
                CaptureFixture.startStreaming(settings, kafka.bootstrapServers(), c -> c.withOffsets(offsets))) {
            pg.execute(db, "INSERT INTO t VALUES (2)");
            CaptureFixture.read(kafka.bootstrapServers(), "driftguard.file-offsets.source", 2);
            assertThat(first.delivered()).isEqualTo(2);
        }
        assertThat(dir.resolve("offsets.dat")).isNotEmptyFile();
        pg.execute(db, "INSERT INTO t VALUES (3)");
        try (EmbeddedCapture second =
                CaptureFixture.startStreaming(settings, kafka.bootstrapServers(), c -> c.withOffsets(offsets))) {
            List<RowChange> changes = changes(kafka, "driftguard.file-offsets.source", 3);
            assertThat(changes)
                    .extracting(c -> c.getOp() + " " + key(c))
                    .containsExactly("SNAPSHOT 1", "INSERT 2", "INSERT 3");
            assertThat(second.delivered()).as("no second snapshot").isEqualTo(1);
        }
    }

    private static List<RowChange> changes(LocalKafka kafka, String topic, int count) {
        return CaptureFixture.read(kafka.bootstrapServers(), topic, count).stream()
                .map(TopicRecords.Captured::change)
                .toList();
    }

    private static String key(RowChange change) {
        return change.getKey().stream().map(KeyPart::getValue).collect(Collectors.joining(","));
    }

    private static ColumnValue column(RowChange change, String name) {
        return change.getColumns().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no column " + name + " in " + change));
    }
}
