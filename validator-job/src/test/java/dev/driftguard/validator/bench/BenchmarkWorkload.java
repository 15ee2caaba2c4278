package dev.driftguard.validator.bench;

import dev.driftguard.avro.Op;
import dev.driftguard.avro.Position;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.row.CanonicalRow;
import dev.driftguard.row.RowChangeCodec;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * The benchmark's change history, generated deterministically and written to both sides' topics as capture writes
 * them: three narrow tables of different sizes (6 columns) and a wide one (20 columns, see {@link WideRows}); 25 %
 * inserts, 70 % updates (skewed: a few hot keys get most of them), 5 % deletes. The target receives the same changes
 * 5-50 ms later, except that about 1 % of them carry a different value (drift).
 */
final class BenchmarkWorkload {

    /** Which tables the history covers, and each one's share of the changes in percent. */
    enum Mix {
        /** The three narrow tables and, with a small share, the wide one: the throughput run. */
        ALL(58, 24, 15, 3),
        NARROW(60, 25, 15, 0),
        WIDE(0, 0, 0, 100);

        private final int[] sharePercent;

        Mix(int... sharePercent) {
            this.sharePercent = sharePercent;
        }
    }

    private static final TableId[] TABLES = {
        new TableId("public", "orders"),
        new TableId("public", "customers"),
        new TableId("billing", "payments"),
        new TableId("public", "shipments")
    };
    private static final int WIDE_TABLE = 3;
    private static final String[] STATUSES = {"new", "paid", "shipped", "delivered", "returned"};
    private static final long BASE_MICROS = 1_750_000_000_000_000L;

    private final String migration;
    private final int changesPerSide;
    private final Mix mix;
    private final RowChangeFactory source;
    private final RowChangeFactory target;
    private long driftingChanges;
    private long distinctKeys;

    BenchmarkWorkload(String migration, int changesPerSide, Mix mix) {
        this.migration = migration;
        this.changesPerSide = changesPerSide;
        this.mix = mix;
        this.source = new RowChangeFactory(migration, Side.SOURCE, false);
        this.target = new RowChangeFactory(migration, Side.TARGET, false);
    }

    /** Emits (Kafka key, value) per side: {@code sink.accept(side, record)}. */
    void generate(BiConsumer<Side, byte[][]> sink) {
        SplittableRandom random = new SplittableRandom(42);
        long[][] live = new long[TABLES.length][changesPerSide / 2 + 16];
        int[] liveCount = new int[TABLES.length];
        long[] nextId = new long[TABLES.length];
        for (int i = 0; i < changesPerSide; i++) {
            int table = pickTable(random);
            int roll = random.nextInt(100);
            Op op;
            long id;
            if (liveCount[table] == 0 || roll < 25) {
                op = Op.INSERT;
                id = ++nextId[table];
                live[table][liveCount[table]++] = id;
                distinctKeys++;
            } else if (roll < 95) {
                op = Op.UPDATE;
                // Skewed towards the most recently inserted keys, as OLTP updates are.
                double u = random.nextDouble();
                int index = liveCount[table] - 1 - (int) (liveCount[table] * u * u * u);
                id = live[table][Math.max(0, index)];
            } else {
                op = Op.DELETE;
                int index = random.nextInt(liveCount[table]);
                id = live[table][index];
                live[table][index] = live[table][--liveCount[table]];
            }
            long lsn = 1_000L + i;
            long sourceCommit = BASE_MICROS + i * 100L;
            long targetCommit = sourceCommit + 5_000 + random.nextInt(45_000);
            boolean drift = op != Op.DELETE && random.nextInt(100) == 0;
            if (drift) {
                driftingChanges++;
            }
            int seed = random.nextInt(1_000_000);
            CanonicalRow row = op == Op.DELETE ? null : row(table, id, op, seed, null);
            CanonicalRow targetRow = drift ? row(table, id, op, 0, "drift") : row;
            sink.accept(Side.SOURCE, record(source, TABLES[table], id, op, row, lsn, sourceCommit));
            sink.accept(Side.TARGET, record(target, TABLES[table], id, op, targetRow, lsn, targetCommit));
        }
    }

    long driftingChanges() {
        return driftingChanges;
    }

    long distinctKeys() {
        return distinctKeys;
    }

    String migration() {
        return migration;
    }

    /** A row for live injection: the given status on the given side. */
    static byte[][] injected(RowChangeFactory factory, long id, String status, long lsn) {
        CanonicalRow row = CanonicalRow.builder()
                .present("id", Long.toString(id))
                .present("status", status)
                .build();
        long now = Instant.now().toEpochMilli() * 1000;
        return record(factory, TABLES[0], id, Op.INSERT, row, lsn, now);
    }

    private int pickTable(SplittableRandom random) {
        int roll = random.nextInt(100);
        int sum = 0;
        for (int t = 0; t < TABLES.length; t++) {
            sum += mix.sharePercent[t];
            if (roll < sum) {
                return t;
            }
        }
        return TABLES.length - 1;
    }

    private static CanonicalRow row(int table, long id, Op op, int seed, String statusOverride) {
        CanonicalRow.Builder row = narrowColumns(CanonicalRow.builder(), id, seed, statusOverride);
        return table == WIDE_TABLE ? WideRows.addColumns(row, id, op, seed).build() : row.build();
    }

    /** The six columns of a narrow row, which the wide table has too. */
    static CanonicalRow.Builder narrowColumns(CanonicalRow.Builder row, long id, int seed, String statusOverride) {
        return row.present("id", Long.toString(id))
                .present("customer_id", Long.toString(id % 50_000))
                .present("status", statusOverride != null ? statusOverride : STATUSES[seed % STATUSES.length])
                .present("amount", (seed % 100_000) + "." + (seed % 100))
                .present("note", seed % 7 == 0 ? "gift wrap, deliver after 6pm" : "")
                .present("updated_at", "2025-06-15 12:" + (seed % 60 < 10 ? "0" : "") + seed % 60 + ":00");
    }

    private static byte[][] record(
            RowChangeFactory factory, TableId table, long id, Op op, CanonicalRow row, long lsn, long commitMicros) {
        RowKey key = RowKey.of(List.of("id"), List.of(Long.toString(id)));
        Instant commit = Instant.ofEpochSecond(commitMicros / 1_000_000, (commitMicros % 1_000_000) * 1_000);
        Position position = Position.newBuilder()
                .setLsn(lsn)
                .setTxId(lsn)
                .setCommitTimeMicros(commit)
                .build();
        RowChange change = factory.create(table, key, op, row, position, commit);
        return new byte[][] {RowChangeCodec.encodeKey(table, key), RowChangeCodec.encodeValue(change)};
    }
}
