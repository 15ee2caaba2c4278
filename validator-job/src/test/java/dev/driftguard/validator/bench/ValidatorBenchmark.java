package dev.driftguard.validator.bench;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.validator.ValidatorLaunch;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.kafka.RowChangeDeserializer;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

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
    private static final int PARTITIONS = 2;
    private static final Duration TOLERANCE = ValidatorOptions.DEFAULT_TOLERANCE;
    private static final Duration CHECKPOINT_INTERVAL = ValidatorOptions.DEFAULT_CHECKPOINT_INTERVAL;

    private ValidatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int changesPerSide = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int injections = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        ValidatorLaunch.StateBackend backend =
                ValidatorLaunch.StateBackend.parse(args.length > 2 ? args[2] : "hashmap");
        Path work = Files.createTempDirectory("driftguard-validator-bench");
        try (LocalKafka kafka = LocalKafka.start()) {
            String migration = "bench-" + UUID.randomUUID().toString().substring(0, 6);
            ValidatorTopics topics = new ValidatorTopics(migration);
            kafka.createTopic(topics.changes(Side.SOURCE), PARTITIONS);
            kafka.createTopic(topics.changes(Side.TARGET), PARTITIONS);
            kafka.createTopic(topics.drifts(), PARTITIONS);
            kafka.createTopic(topics.status(), 1);

            BenchmarkWorkload workload = new BenchmarkWorkload(migration, changesPerSide);
            long loadStart = System.nanoTime();
            long bytes = preload(kafka, topics, workload);
            double loadSeconds = seconds(loadStart);
            OUT.printf(
                    "pre-loaded %,d changes per side (%,d distinct keys, %,d drifting changes, %,d MB) in %.1f s%n",
                    changesPerSide, workload.distinctKeys(), workload.driftingChanges(), bytes >> 20, loadSeconds);

            double floorSeconds = passThrough(kafka, topics);
            double floorRate = 2.0 * changesPerSide / floorSeconds;
            OUT.printf(
                    "pass-through floor: %,d events in %.1f s = %,.0f events/s%n",
                    2L * changesPerSide, floorSeconds, floorRate);

            ValidatorRun run = validate(kafka, topics, changesPerSide, injections, backend, work);
            double rate = 2.0 * changesPerSide / run.catchUpSeconds;
            OUT.println();
            OUT.println("=== validator benchmark (parallelism " + PARALLELISM + ", tolerance " + TOLERANCE.toSeconds()
                    + " s, checkpoint interval " + CHECKPOINT_INTERVAL.toSeconds() + " s, "
                    + backend.name().toLowerCase(java.util.Locale.ROOT) + " state) ===");
            OUT.printf(
                    "events per side          %,d (%,d distinct keys, ~1%% drift)%n",
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
                    (double) run.checkpointBytes / run.keysTracked, run.checkpointBytes, run.keysTracked);
        } finally {
            deleteRecursively(work);
        }
    }

    private static long preload(LocalKafka kafka, ValidatorTopics topics, BenchmarkWorkload workload) {
        AtomicLong bytes = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            workload.generate((side, record) -> {
                bytes.addAndGet(record[0].length + record[1].length);
                producer.send(new ProducerRecord<>(topics.changes(side), record[0], record[1]));
            });
            producer.flush();
        }
        return bytes.get();
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
            long keysTracked) {}

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
                StreamExecutionEnvironment.getExecutionEnvironment(launch.flinkConfiguration());
        env.setParallelism(PARALLELISM);
        launch.addTo(env);
        long start = System.nanoTime();
        JobClient job = env.executeAsync("validator benchmark");
        try (KafkaConsumer<byte[], byte[]> statuses = consumer(kafka, topics.status(), "read_uncommitted")) {
            ValidationStatus caughtUp = awaitStatus(
                    statuses, s -> s.getEventsSource() >= changesPerSide && s.getEventsTarget() >= changesPerSide);
            double catchUp = seconds(start);
            OUT.printf("validator caught up with %,d events in %.1f s%n", 2L * changesPerSide, catchUp);

            double[] latencies = injectDrifts(kafka, topics, injections);
            ValidationStatus last = awaitStatus(statuses, s -> s.getEventsTarget() >= changesPerSide + injections);
            long checkpointBytes = awaitNewerCheckpointSize(checkpoints);
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
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka);
                KafkaConsumer<byte[], byte[]> drifts = consumer(kafka, topics.drifts(), "read_committed")) {
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

    /** The size of the first checkpoint completed after now (the state at the end of the run). */
    private static long awaitNewerCheckpointSize(Path checkpoints) throws Exception {
        long after = System.currentTimeMillis();
        long deadline = System.nanoTime() + CHECKPOINT_INTERVAL.multipliedBy(6).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.walk(checkpoints)) {
                Path newest = files.filter(p -> p.getFileName().toString().equals("_metadata"))
                        .filter(p -> p.toFile().lastModified() > after)
                        .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                        .orElse(null);
                if (newest != null) {
                    return directorySize(newest.getParent()) + sharedStateSize(newest.getParent());
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no checkpoint completed within " + CHECKPOINT_INTERVAL.multipliedBy(6));
    }

    /** Files of the job's shared directory (full snapshots of the hashmap backend put none there). */
    private static long sharedStateSize(Path checkpoint) throws IOException {
        Path shared = checkpoint.getParent().resolve("shared");
        return Files.isDirectory(shared) ? directorySize(shared) : 0;
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(LocalKafka kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "1",
                        ProducerConfig.LINGER_MS_CONFIG, "20",
                        ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024),
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(LocalKafka kafka, String topic, String isolation) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        isolation),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
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

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
