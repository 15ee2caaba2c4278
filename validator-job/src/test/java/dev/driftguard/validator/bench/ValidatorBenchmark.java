package dev.driftguard.validator.bench;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.validator.ValidatorLaunch;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.bench.BenchmarkWorkload.Mix;
import dev.driftguard.validator.kafka.RowChangeDeserializer;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Prints the validator's throughput at parallelism 2 over N pre-loaded changes per side (default 2 000 000; ~1 %
 * drift), the pass-through floor over the same topics, the detection latency of drift injected live once the
 * validator has caught up, and the checkpointed state size per tracked key. Asserts nothing.
 *
 * <p>Usage: {@code validator-job/bench/run-benchmark.sh [changes-per-side] [injected-drifts] [hashmap|rocksdb]}
 */
public final class ValidatorBenchmark {

    private static final PrintStream OUT = System.out;
    private static final int PARALLELISM = 2;
    /** Changes per side of the state-size runs: ~100 k keys of the narrow tables, ~10 k of the wide one. */
    private static final int NARROW_STATE_CHANGES = 400_000;

    private static final int WIDE_STATE_CHANGES = 40_000;
    private static final Duration TOLERANCE = ValidatorOptions.TOLERANCE.defaultValue();
    private static final Duration CHECKPOINT_INTERVAL = ValidatorOptions.CHECKPOINT_INTERVAL.defaultValue();

    private ValidatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int changesPerSide = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int injections = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        ValidatorLaunch.StateBackend backend =
                ValidatorLaunch.StateBackend.parse(args.length > 2 ? args[2] : "hashmap");
        boolean stateOnly = args.length > 3 && args[3].equals("state");
        Path work = Files.createTempDirectory("driftguard-validator-bench");
        try (LocalKafka kafka = LocalKafka.start()) {
            if (!stateOnly) {
                throughput(kafka, changesPerSide, injections, backend, work);
            }
            statePerTableKind(kafka, backend, work);
        } finally {
            CheckpointSize.deleteRecursively(work);
        }
    }

    private static void throughput(
            LocalKafka kafka, int changesPerSide, int injections, ValidatorLaunch.StateBackend backend, Path work)
            throws Exception {
        ValidatorTopics topics = newTopics();
        BenchmarkWorkload workload = new BenchmarkWorkload(topics.migration(), changesPerSide, Mix.ALL);
        long loadStart = System.nanoTime();
        long bytes = BenchKafka.prepare(kafka, topics, workload);
        OUT.printf(
                "pre-loaded %,d changes per side (%,d distinct keys, %,d drifting changes, %,d MB) in %.1f s%n",
                changesPerSide, workload.distinctKeys(), workload.driftingChanges(), bytes >> 20, seconds(loadStart));

        double floorSeconds = passThrough(kafka, topics);
        double floorRate = 2.0 * changesPerSide / floorSeconds;
        OUT.printf(
                "pass-through floor: %,d events in %.1f s = %,.0f events/s%n",
                2L * changesPerSide, floorSeconds, floorRate);

        ValidatorRun run = validate(kafka, topics, changesPerSide, injections, backend, work.resolve("all"));
        double rate = 2.0 * changesPerSide / run.catchUpSeconds;
        OUT.println();
        OUT.println("=== validator benchmark (parallelism " + PARALLELISM + ", tolerance " + TOLERANCE.toSeconds()
                + " s, checkpoint interval " + CHECKPOINT_INTERVAL.toSeconds() + " s, "
                + backend.name().toLowerCase(Locale.ROOT) + " state) ===");
        OUT.printf(
                "events per side          %,d (%,d distinct keys, ~1%% drift; 3%% of the changes in the wide table)%n",
                changesPerSide, workload.distinctKeys());
        OUT.printf(
                "validator throughput     %,.0f events/s (%.1f s for %,d events)   target >= 50,000%n",
                rate, run.catchUpSeconds, 2L * changesPerSide);
        OUT.printf("pass-through floor       %,.0f events/s (%.1f s)%n", floorRate, floorSeconds);
        OUT.printf("validator / floor        %.2f   target >= 0.5%n", rate / floorRate);
        OUT.printf("drifts reported          %,d open after catch-up%n", run.openDrifts);
        OUT.printf(
                "detection latency        p50 %.1f s, p99 %.1f s, max %.1f s over %d injected drifts"
                        + "   target p99 <= %d s (tolerance + checkpoint interval + 2 s)%n",
                run.latencyP50,
                run.latencyP99,
                run.latencyMax,
                run.injected,
                TOLERANCE.toSeconds() + CHECKPOINT_INTERVAL.toSeconds() + 2);
        OUT.printf(
                "state size per key       %.0f bytes (checkpoint of %,d bytes / %,d keys tracked)%n",
                run.bytesPerKey(), run.checkpointBytes, run.keysTracked);
    }

    /**
     * The checkpointed state per tracked key of each kind of table on its own: a validator run over only the narrow
     * tables, then one over only the wide table (each to its end, then the next checkpoint's size).
     */
    private static void statePerTableKind(LocalKafka kafka, ValidatorLaunch.StateBackend backend, Path work)
            throws Exception {
        double narrow = statePerKey(kafka, Mix.NARROW, NARROW_STATE_CHANGES, backend, work);
        double wide = statePerKey(kafka, Mix.WIDE, WIDE_STATE_CHANGES, backend, work);
        OUT.printf("wide / narrow            %.2f   targets: narrow <= 200 bytes, wide <= 2 x narrow%n", wide / narrow);
    }

    private static double statePerKey(
            LocalKafka kafka, Mix mix, int changesPerSide, ValidatorLaunch.StateBackend backend, Path work)
            throws Exception {
        ValidatorTopics topics = newTopics();
        BenchKafka.prepare(kafka, topics, new BenchmarkWorkload(topics.migration(), changesPerSide, mix));
        String kind = mix.name().toLowerCase(Locale.ROOT);
        ValidatorRun run = validate(kafka, topics, changesPerSide, 0, backend, work.resolve(kind));
        OUT.printf(
                "state per key, %-9s %.0f bytes (checkpoint of %,d bytes / %,d keys tracked)%n",
                kind, run.bytesPerKey(), run.checkpointBytes, run.keysTracked);
        return run.bytesPerKey();
    }

    private static ValidatorTopics newTopics() {
        return new ValidatorTopics("bench-" + UUID.randomUUID().toString().substring(0, 6));
    }

    /** Both topics read and decoded with the validator's own source, into a discarding sink: the floor. */
    private static double passThrough(LocalKafka kafka, ValidatorTopics topics) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        var source = env.fromSource(boundedChanges(kafka, topics, Side.SOURCE), WatermarkStrategy.noWatermarks(), "s");
        var target = env.fromSource(boundedChanges(kafka, topics, Side.TARGET), WatermarkStrategy.noWatermarks(), "t");
        source.union(target).sinkTo(new DiscardingSink<>());
        long start = System.nanoTime();
        env.execute("pass-through");
        return seconds(start);
    }

    private static KafkaSource<RowChange> boundedChanges(LocalKafka kafka, ValidatorTopics topics, Side side) {
        return KafkaSource.<RowChange>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(topics.changes(side))
                .setGroupId("bench-floor-" + UUID.randomUUID())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new RowChangeDeserializer())
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    private record ValidatorRun(
            double catchUpSeconds,
            long openDrifts,
            double latencyP50,
            double latencyP99,
            double latencyMax,
            int injected,
            long checkpointBytes,
            long keysTracked) {

        double bytesPerKey() {
            return (double) checkpointBytes / keysTracked;
        }
    }

    private static ValidatorRun validate(
            LocalKafka kafka,
            ValidatorTopics topics,
            int changesPerSide,
            int injections,
            ValidatorLaunch.StateBackend backend,
            Path work)
            throws Exception {
        Path checkpoints = work.resolve("checkpoints");
        ValidatorLaunch launch = new ValidatorLaunch(
                ValidatorOptions.builder(topics.migration())
                        .tolerance(TOLERANCE)
                        .checkpointInterval(CHECKPOINT_INTERVAL)
                        .statusInterval(Duration.ofSeconds(1))
                        .parallelism(PARALLELISM)
                        .build(),
                kafka.bootstrapServers(),
                null,
                checkpoints,
                backend);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(withExtraSettings(launch.flinkConfiguration()));
        env.setParallelism(PARALLELISM);
        launch.addTo(env);
        long start = System.nanoTime();
        JobClient job = env.executeAsync("validator benchmark");
        try (KafkaConsumer<byte[], byte[]> statuses = BenchKafka.consumer(kafka, topics.status(), "read_uncommitted")) {
            ValidationStatus caughtUp = awaitStatus(
                    statuses, s -> s.getEventsSource() >= changesPerSide && s.getEventsTarget() >= changesPerSide);
            double catchUp = seconds(start);
            OUT.printf("validator caught up with %,d events in %.1f s%n", 2L * changesPerSide, catchUp);

            double[] latencies = injectDrifts(kafka, topics, injections);
            ValidationStatus last = awaitStatus(statuses, s -> s.getEventsTarget() >= changesPerSide + injections);
            long checkpointBytes = CheckpointSize.awaitNewer(checkpoints, CHECKPOINT_INTERVAL);
            job.cancel().get();
            return new ValidatorRun(
                    catchUp,
                    caughtUp.getOpenDrifts(),
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.99),
                    percentile(latencies, 1.0),
                    injections,
                    checkpointBytes,
                    last.getKeysTracked());
        }
    }

    /**
     * Injects drifts one by one (new keys whose value differs between the sides, 10 per second) and measures, per
     * drift, the time from writing the changes until the drift event is readable with read_committed.
     */
    private static double[] injectDrifts(LocalKafka kafka, ValidatorTopics topics, int injections) throws Exception {
        RowChangeFactory source = new RowChangeFactory(topics.migration(), Side.SOURCE, false);
        RowChangeFactory target = new RowChangeFactory(topics.migration(), Side.TARGET, false);
        Map<String, Long> sentAt = new HashMap<>();
        List<Double> latencies = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = BenchKafka.producer(kafka);
                KafkaConsumer<byte[], byte[]> drifts = BenchKafka.consumer(kafka, topics.drifts(), "read_committed")) {
            drifts.poll(Duration.ofMillis(100));
            long lastSend = 0;
            int sent = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (latencies.size() < injections && System.nanoTime() < deadline) {
                if (sent < injections && System.nanoTime() - lastSend >= 100_000_000L) {
                    long id = 100_000_000L + sent;
                    long lsn = 900_000_000L + sent;
                    byte[][] s = BenchmarkWorkload.injected(source, id, "paid", lsn);
                    byte[][] t = BenchmarkWorkload.injected(target, id, "lost", lsn);
                    producer.send(new ProducerRecord<>(topics.changes(Side.SOURCE), s[0], s[1]));
                    producer.send(new ProducerRecord<>(topics.changes(Side.TARGET), t[0], t[1]))
                            .get();
                    lastSend = System.nanoTime();
                    sentAt.put(Long.toString(id), lastSend);
                    sent++;
                }
                for (ConsumerRecord<byte[], byte[]> record : drifts.poll(Duration.ofMillis(20))) {
                    DriftEvent drift = DriftEvent.getDecoder().decode(record.value());
                    Long at = sentAt.remove(drift.getKey().get(0).getValue());
                    if (at != null && "orders".equals(drift.getTable())) {
                        latencies.add((System.nanoTime() - at) / 1e9);
                    }
                }
            }
        }
        return latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static ValidationStatus awaitStatus(
            KafkaConsumer<byte[], byte[]> statuses, java.util.function.Predicate<ValidationStatus> done)
            throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : statuses.poll(Duration.ofMillis(200))) {
                ValidationStatus status = ValidationStatus.getDecoder().decode(record.value());
                if (status.getTable() == null && done.test(status)) {
                    return status;
                }
            }
        }
        throw new IllegalStateException("the validator did not reach the expected status within 30 minutes");
    }

    /**
     * The launch's Flink settings plus those of the system property {@code bench.flink} ({@code key=value;...}), to
     * measure a setting before it goes into the launch.
     */
    private static Configuration withExtraSettings(Configuration config) {
        String extra = System.getProperty("bench.flink", "");
        for (String setting : extra.split(";")) {
            if (!setting.isBlank()) {
                int eq = setting.indexOf('=');
                config.setString(
                        setting.substring(0, eq).trim(),
                        setting.substring(eq + 1).trim());
            }
        }
        if (!extra.isBlank()) {
            OUT.println("extra Flink settings: " + extra);
        }
        return config;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
