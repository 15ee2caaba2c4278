package dev.driftguard.capture.bench;

import dev.driftguard.avro.Side;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.SnapshotMode;
import dev.driftguard.capture.TableSelection;
import dev.driftguard.capture.debezium.DebeziumSettings;
import dev.driftguard.capture.engine.DeliveryStats;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.engine.EmbeddedCaptureConfig;
import dev.driftguard.capture.prepare.CapturePreparer;
import dev.driftguard.row.TableId;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.SqlValues;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Capture throughput against its floor, on one pgbench (TPC-B-like) WAL: the workload runs first with every slot
 * already created, then (1) {@code pg_recvlogical} decodes the same WAL with pgoutput to /dev/null, (2) a first
 * capture of it (own slot and topic) warms the JVM up, (3) Debezium alone, (4) the measured capture into Kafka, (5)
 * Debezium alone again. Each transaction changes 4 rows (3 updates, 1 insert). Besides wall time it prints the JVM's
 * CPU time per event, split by thread group, and the GC count and time: on this shared 2-core machine wall time mostly
 * measures the other processes' load, CPU per event does not. Prints figures; asserts none.
 *
 * <p>Args: {@code [transactions] [clients]} (default 200000 4; with 50000 the measured capture still pays for JIT
 * compilation and GC warm-up).
 */
public final class CaptureBenchmark {

    private static final int EVENTS_PER_TRANSACTION = 4;

    private CaptureBenchmark() {}

    public static void main(String[] args) throws Exception {
        int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long events = (long) transactions * EVENTS_PER_TRANSACTION;
        try (LocalPostgres pg = LocalPostgres.start();
                LocalKafka kafka = LocalKafka.start()) {
            String db = pg.createUniqueDatabase("bench");
            run(
                    pg,
                    "pgbench",
                    "-i",
                    "-q",
                    "-s",
                    "4",
                    "-h",
                    pg.host(),
                    "-p",
                    Integer.toString(pg.port()),
                    "-U",
                    "postgres",
                    db);
            pg.execute(db, "ALTER TABLE pgbench_history ADD COLUMN id bigserial PRIMARY KEY");
            CaptureSettings settings = captureSettings("bench", pg, db);
            // a second capture of the same WAL (its own slot, publication and topic) warms the JVM up first
            CaptureSettings warmUp = captureSettings("bench-warmup", pg, db);
            new CapturePreparer(settings, false).prepare();
            new CapturePreparer(warmUp, false).prepare();
            pg.execute(
                    db,
                    "SELECT pg_create_logical_replication_slot('floor', 'pgoutput')",
                    "SELECT pg_create_logical_replication_slot('raw_before', 'pgoutput')",
                    "SELECT pg_create_logical_replication_slot('raw_after', 'pgoutput')");

            long workStart = System.nanoTime();
            run(
                    pg,
                    "pgbench",
                    "-n",
                    "-c",
                    Integer.toString(clients),
                    "-j",
                    "2",
                    "-t",
                    Integer.toString(transactions / clients),
                    "-h",
                    pg.host(),
                    "-p",
                    Integer.toString(pg.port()),
                    "-U",
                    "postgres",
                    db);
            double workSeconds = seconds(workStart);
            String endLsn = SqlValues.first(pg, db, "SELECT pg_current_wal_lsn()::text");
            long actualEvents = (long) (transactions / clients) * clients * EVENTS_PER_TRANSACTION;

            long floorStart = System.nanoTime();
            run(
                    pg,
                    "pg_recvlogical",
                    "-h",
                    pg.host(),
                    "-p",
                    Integer.toString(pg.port()),
                    "-U",
                    "postgres",
                    "-d",
                    db,
                    "--slot",
                    "floor",
                    "--start",
                    "--endpos",
                    endLsn,
                    "--no-loop",
                    "-o",
                    "proto_version=1",
                    "-o",
                    "publication_names=dg_bench_source",
                    // what Debezium asks of pgoutput on PostgreSQL 14+ (PgOutputMessageDecoder#defaultOptions)
                    "-o",
                    "messages=true",
                    "-f",
                    "/dev/null");
            double floorSeconds = seconds(floorStart);
            Captured cold = capture(warmUp, kafka, actualEvents);
            // warm JVM from here on: Debezium alone, capture, Debezium alone again (the machine's load drifts)
            Raw rawBefore = rawDebezium(settings, actualEvents, "raw_before");
            Captured captured = capture(settings, kafka, actualEvents);
            Raw rawAfter = rawDebezium(settings, actualEvents, "raw_after");
            double captureSeconds = captured.seconds();
            double steadySeconds = captured.steadySeconds();
            DeliveryStats stats = captured.stats();
            String captureCpuReport = captured.cpu();

            double floorRate = actualEvents / floorSeconds;
            double captureRate = actualEvents / captureSeconds;
            double steadyRate = actualEvents / steadySeconds;
            System.out.printf(
                    Locale.ROOT,
                    "workload: pgbench tpcb-like, %d transactions x %d row changes = %d events, %d clients, written in %.1f s%n",
                    transactions / clients * clients,
                    EVENTS_PER_TRANSACTION,
                    actualEvents,
                    clients,
                    workSeconds);
            System.out.printf(
                    Locale.ROOT,
                    "floor   : pg_recvlogical (pgoutput, proto_version 1, messages, the same publication, to /dev/null) decoded %d events in %.2f s = %.0f events/s%n",
                    actualEvents,
                    floorSeconds,
                    floorRate);
            System.out.printf(
                    Locale.ROOT,
                    "capture : embedded Debezium -> canonical RowChange -> Kafka (acks=all) %d events in %.2f s = %.0f events/s"
                            + " (%.0f events/s from the first delivered event)%n",
                    actualEvents,
                    captureSeconds,
                    captureRate,
                    steadyRate);
            System.out.printf(
                    Locale.ROOT,
                    "          %d batches (%.0f events each); %.2f s handing records to the producer, %.2f s waiting for Kafka acks%n",
                    stats.batches(),
                    (double) stats.delivered() / stats.batches(),
                    stats.convertMillis() / 1e3,
                    stats.acknowledgeMillis() / 1e3);
            System.out.print(captureCpuReport);
            System.out.printf(
                    Locale.ROOT,
                    "warm-up : the same capture first, in a fresh JVM (JIT compiling, classes loading; not a result):"
                            + " %.0f events/s%n%s",
                    actualEvents / cold.seconds(),
                    cold.cpu());
            for (Raw raw : List.of(rawBefore, rawAfter)) {
                System.out.printf(
                        Locale.ROOT,
                        "debezium: the connector alone (no conversion, no Kafka), %s: %d events in %.2f s = %.0f events/s%n%s",
                        raw.variant(),
                        actualEvents,
                        raw.seconds(),
                        actualEvents / raw.seconds(),
                        raw.cpu());
            }
            System.out.printf(
                    Locale.ROOT,
                    "ratio   : capture / floor = %.2f (steady %.2f); targets: >= 0.50 and >= 20000 events/s%n",
                    captureRate / floorRate,
                    steadyRate / floorRate);
        }
    }

    /**
     * Debezium alone on the same WAL (slot {@code raw}, created with the others): the connector's own ceiling on this
     * machine, for reading the capture figure.
     */
    private static Raw rawDebezium(CaptureSettings settings, long events, String slot) throws Exception {
        Properties p = new Properties();
        p.putAll(DebeziumSettings.connectorProperties(
                settings,
                List.of(
                        TableId.parse("pgbench_accounts"),
                        TableId.parse("pgbench_tellers"),
                        TableId.parse("pgbench_branches"),
                        TableId.parse("pgbench_history")),
                null));
        p.put("slot.name", slot);
        p.put("topic.prefix", slot);
        p.put("name", slot);
        p.put("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        AtomicLong seen = new AtomicLong();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        try (DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = DebeziumEngine.create(
                        ChangeEventFormat.of(Connect.class))
                .using(p)
                .notifying((records, committer) -> {
                    for (var r : records) {
                        if (r.record().value() instanceof Struct v && v.schema().field("op") != null) {
                            seen.incrementAndGet();
                        }
                        committer.markProcessed(r);
                    }
                    committer.markBatchFinished();
                    if (seen.get() >= events) {
                        done.complete(null);
                    }
                })
                .build()) {
            Thread runner = new Thread(engine, "raw-debezium");
            runner.setDaemon(true);
            runner.start();
            done.get(30, TimeUnit.MINUTES);
            double seconds = seconds(start);
            return new Raw(slot, seconds, cpu.report(slot, events));
        }
    }

    private record Raw(String variant, double seconds, String cpu) {}

    private record Captured(double seconds, double steadySeconds, DeliveryStats stats, String cpu) {}

    private static CaptureSettings captureSettings(String migration, LocalPostgres pg, String db) {
        return CaptureSettings.builder(migration, Side.SOURCE, pg.connectionSpec(db))
                .tables(TableSelection.tables(List.of(
                        TableId.parse("pgbench_accounts"),
                        TableId.parse("pgbench_tellers"),
                        TableId.parse("pgbench_branches"),
                        TableId.parse("pgbench_history"))))
                .snapshotMode(SnapshotMode.NO_DATA)
                .build();
    }

    /** The embedded capture delivering the whole workload into Kafka; timed from start to the last acknowledgement. */
    private static Captured capture(CaptureSettings settings, LocalKafka kafka, long events) throws Exception {
        EmbeddedCaptureConfig config = EmbeddedCaptureConfig.of(settings, kafka.bootstrapServers());
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        long firstEventAt = 0;
        DeliveryStats stats;
        String cpuReport;
        try (EmbeddedCapture capture = EmbeddedCapture.start(config)) {
            while (capture.delivered() < events) {
                if (firstEventAt == 0 && capture.delivered() > 0) {
                    firstEventAt = System.nanoTime();
                }
                if (!capture.isRunning()) {
                    capture.awaitTermination();
                    throw new IllegalStateException("capture stopped after " + capture.delivered() + " events");
                }
                if (seconds(start) > 1800) {
                    throw new IllegalStateException(
                            "capture delivered only " + capture.delivered() + " events in 30 min");
                }
                Thread.sleep(5);
            }
            stats = capture.stats();
            cpuReport = cpu.report("capture", events);
        }
        return new Captured(seconds(start), (System.nanoTime() - firstEventAt) / 1e9, stats, cpuReport);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void run(LocalPostgres pg, String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(pg.binDirectory().resolve(tool).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        Path.of(System.getProperty("java.io.tmpdir"), "driftguard-bench-tools.log")
                                .toFile()))
                .start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(tool + " failed (exit " + process.exitValue() + "); see "
                    + System.getProperty("java.io.tmpdir") + "/driftguard-bench-tools.log");
        }
    }
}
