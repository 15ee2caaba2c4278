package dev.driftguard.cli;

import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.stack.ShutdownHooks;
import dev.driftguard.validator.ValidatorLaunch;
import dev.driftguard.validator.ValidatorOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Run the streaming validator of a migration in a local Flink MiniCluster: it reads both sides' change"
                    + " topics (written by capture), reports drift and resolution to driftguard.<migration>.drifts"
                    + " (and the audit store with --audit-db) and prints a live status line.",
            "With --checkpoint-dir, checkpoints are kept there and the next run resumes from the newest one.",
            "Runs until Ctrl-C or --for. Exit code 0 when stopped, 2 when the job failed or on a usage error."
        })
final class ValidateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ValidateCommand.class);
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--migration", required = true, paramLabel = "ID", description = "The migration id.")
    String migration;

    @Option(names = "--kafka", required = true, paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(
            names = "--audit-db",
            paramLabel = "URI",
            description = "Also write findings and status to this audit store.")
    String auditDb;

    @Option(
            names = "--tolerance",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "10s",
            description = "How long the sides may disagree before a drift is reported (default: ${DEFAULT-VALUE}).")
    Duration tolerance;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Keep checkpoints here and resume from the newest one.")
    Path checkpointDir;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "10s",
            description = "Checkpoint interval; outputs become visible to read_committed readers at checkpoints"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--status-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5s",
            description = "How often a validation status is emitted (default: ${DEFAULT-VALUE}).")
    Duration statusInterval;

    @Option(
            names = "--lag-window",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5m",
            description = "The recent period the status's lag percentiles cover (default: ${DEFAULT-VALUE}).")
    Duration lagWindow;

    @Option(
            names = "--idle-key-retention",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "1h",
            description = "How long an idle key without open drift is remembered (default: ${DEFAULT-VALUE}).")
    Duration idleKeyRetention;

    @Option(
            names = "--state-backend",
            paramLabel = "hashmap|rocksdb",
            defaultValue = "hashmap",
            description = "Flink state backend; rocksdb for more keys than fit in memory (default: ${DEFAULT-VALUE}).")
    String stateBackend;

    @Option(names = "--parallelism", paramLabel = "N", description = "Detector parallelism (default: CPU cores).")
    int parallelism;

    @Option(names = "--hash-only", description = "Privacy mode: keep and report hashes only, never column values.")
    boolean hashOnly;

    @Option(
            names = "--for",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop by itself after this long. Default: run until Ctrl-C.")
    Duration runFor;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ValidatorLaunch launch = new ValidatorLaunch(
                ValidatorOptions.builder(migration)
                        .tolerance(tolerance)
                        .checkpointInterval(checkpointInterval)
                        .statusInterval(statusInterval)
                        .lagWindow(lagWindow)
                        .idleKeyRetention(idleKeyRetention)
                        .parallelism(parallelism)
                        .privacyMode(hashOnly)
                        .build(),
                kafka,
                auditDb,
                checkpointDir,
                ValidatorLaunch.StateBackend.parse(stateBackend));
        for (String topic : launch.prepareTopics()) {
            out.println("topic " + topic + " does not exist yet; the validator reads it once capture has created it");
        }
        launch.resumeFrom().ifPresent(checkpoint -> out.println("resuming from checkpoint " + checkpoint));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(launch.flinkConfiguration());
        launch.addTo(env);
        JobClient job = env.executeAsync("driftguard validator " + migration);
        out.println("validator of migration " + migration + " running (job " + job.getJobID() + "); drifts go to "
                + launch.topics().drifts() + (auditDb == null ? "" : " and the audit store"));
        out.flush();
        Thread onCtrlC = new Thread(() -> cancel(job), "driftguard-validate-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            return watch(job, launch, out);
        } finally {
            ShutdownHooks.remove(onCtrlC);
        }
    }

    private int watch(JobClient job, ValidatorLaunch launch, PrintWriter out) throws Exception {
        long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
        boolean terminal = System.console() != null;
        CompletableFuture<?> result = job.getJobExecutionResult();
        try (KafkaConsumer<byte[], byte[]> statuses = statusConsumer(launch)) {
            String lastLine = null;
            while (!result.isDone()) {
                if (System.nanoTime() >= deadline) {
                    cancel(job);
                    out.println();
                    out.println("stopped after " + runFor + "; checkpoints kept for the next run"
                            + (launch.resumeFrom().isPresent() ? "" : " (with --checkpoint-dir)"));
                    return ExitCodes.OK;
                }
                String line = latestStatusLine(statuses);
                if (line != null && !line.equals(lastLine)) {
                    if (terminal) {
                        out.print("\r" + line + "\u001b[K");
                    } else {
                        out.println(line);
                    }
                    out.flush();
                    lastLine = line;
                }
            }
        }
        try {
            result.get();
            out.println();
            out.println("validator job finished");
            return ExitCodes.OK;
        } catch (ExecutionException e) {
            JobStatus status = job.getJobStatus().get();
            if (status == JobStatus.CANCELED) {
                return ExitCodes.OK;
            }
            Throwable root = ExceptionUtils.stripExecutionException(e);
            LOG.debug("validator job failed", root);
            throw new IllegalStateException("the validator job failed: " + rootMessage(root), root);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Statuses written from now on, read uncommitted: a live display need not wait for the next checkpoint. */
    private static KafkaConsumer<byte[], byte[]> statusConsumer(ValidatorLaunch launch) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        launch.kafkaBootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "driftguard-validate-status-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_uncommitted"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(launch.topics().status()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        return consumer;
    }

    private static String latestStatusLine(KafkaConsumer<byte[], byte[]> consumer) throws IOException {
        ValidationStatus latest = null;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            ValidationStatus status = ValidationStatus.getDecoder().decode(record.value());
            if (status.getTable() == null) {
                latest = status;
            }
        }
        return latest == null ? null : StatusLine.of(latest, Instant.now());
    }

    private static void cancel(JobClient job) {
        try {
            if (!job.getJobStatus()
                    .get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .isGloballyTerminalState()) {
                job.cancel().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("cancelling validator job {} failed: {}", job.getJobID(), e.getMessage());
        }
    }
}
