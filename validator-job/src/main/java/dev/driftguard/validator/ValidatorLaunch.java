package dev.driftguard.validator;

import dev.driftguard.avro.Side;
import dev.driftguard.validator.audit.AuditStoreSink;
import dev.driftguard.validator.kafka.ValidatorKafka;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;

/**
 * Everything needed to run a validator against Kafka: the job options, where Kafka and the audit store are, and how
 * Flink keeps state. Shared by {@link ValidatorMain} ({@code flink run}) and the command line's {@code validate}.
 */
public final class ValidatorLaunch {

    /** Flink state backends the validator supports. */
    public enum StateBackend {
        HASHMAP,
        ROCKSDB;

        public static StateBackend parse(String text) {
            for (StateBackend backend : values()) {
                if (backend.name().equalsIgnoreCase(text)) {
                    return backend;
                }
            }
            throw new IllegalArgumentException("invalid state backend '" + text + "': use hashmap or rocksdb");
        }
    }

    /** Managed memory of a local run with RocksDB state (see {@link #flinkConfiguration()}). */
    static final MemorySize ROCKSDB_LOCAL_MANAGED_MEMORY = MemorySize.ofMebiBytes(1024);

    public static final String USAGE = "--migration ID --kafka HOST:PORT[,...] [--audit-db URI] [--tolerance "
            + ValidatorOptions.DEFAULT_TOLERANCE_TEXT + "] [--status-interval "
            + ValidatorOptions.DEFAULT_STATUS_INTERVAL_TEXT + "] [--lag-window "
            + ValidatorOptions.DEFAULT_LAG_WINDOW_TEXT
            + "] [--idle-key-retention " + ValidatorOptions.DEFAULT_IDLE_KEY_RETENTION_TEXT
            + "] [--checkpoint-interval "
            + ValidatorOptions.DEFAULT_CHECKPOINT_INTERVAL_TEXT + "] [--checkpoint-dir DIR] [--max-failed-checkpoints "
            + ValidatorOptions.DEFAULT_MAX_FAILED_CHECKPOINTS_TEXT + "] [--state-backend hashmap|rocksdb]"
            + " [--parallelism N] [--hash-only]";

    private final ValidatorOptions options;
    private final String kafkaBootstrap;
    private final String auditDbUri;
    private final CheckpointDirectory checkpointDirectory;
    private final StateBackend stateBackend;

    public ValidatorLaunch(
            ValidatorOptions options,
            String kafkaBootstrap,
            String auditDbUri,
            Path checkpointDirectory,
            StateBackend stateBackend) {
        this.options = Objects.requireNonNull(options, "options");
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            throw new IllegalArgumentException(
                    "--kafka is missing: give the bootstrap servers as host:port[,host:port]");
        }
        this.kafkaBootstrap = kafkaBootstrap;
        this.auditDbUri = auditDbUri;
        this.checkpointDirectory = checkpointDirectory == null ? null : new CheckpointDirectory(checkpointDirectory);
        this.stateBackend = Objects.requireNonNull(stateBackend, "stateBackend");
    }

    /** Parses {@code flink run} style arguments ({@link #USAGE}); errors name the argument and the fix. */
    public static ValidatorLaunch parse(String[] args) {
        String migration = null;
        String kafka = null;
        String auditDb = null;
        Path checkpointDir = null;
        StateBackend backend = StateBackend.HASHMAP;
        Duration tolerance = ValidatorOptions.DEFAULT_TOLERANCE;
        Duration statusInterval = ValidatorOptions.DEFAULT_STATUS_INTERVAL;
        Duration lagWindow = ValidatorOptions.DEFAULT_LAG_WINDOW;
        Duration retention = ValidatorOptions.DEFAULT_IDLE_KEY_RETENTION;
        Duration checkpointInterval = ValidatorOptions.DEFAULT_CHECKPOINT_INTERVAL;
        int parallelism = 0;
        int maxFailedCheckpoints = ValidatorOptions.DEFAULT_MAX_FAILED_CHECKPOINTS;
        boolean hashOnly = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--hash-only")) {
                hashOnly = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value; usage: " + USAGE);
            }
            String value = args[++i];
            switch (name) {
                case "--migration" -> migration = value;
                case "--kafka" -> kafka = value;
                case "--audit-db" -> auditDb = value;
                case "--tolerance" -> tolerance = duration(name, value);
                case "--status-interval" -> statusInterval = duration(name, value);
                case "--lag-window" -> lagWindow = duration(name, value);
                case "--idle-key-retention" -> retention = duration(name, value);
                case "--checkpoint-interval" -> checkpointInterval = duration(name, value);
                case "--checkpoint-dir" -> checkpointDir = Path.of(value);
                case "--state-backend" -> backend = StateBackend.parse(value);
                case "--parallelism" -> parallelism = integer(name, value);
                case "--max-failed-checkpoints" -> maxFailedCheckpoints = integer(name, value);
                default -> throw new IllegalArgumentException("unknown argument " + name + "; usage: " + USAGE);
            }
        }
        if (migration == null) {
            throw new IllegalArgumentException("--migration is missing; usage: " + USAGE);
        }
        ValidatorOptions.Builder builder = ValidatorOptions.builder(migration)
                .tolerance(tolerance)
                .statusInterval(statusInterval)
                .lagWindow(lagWindow)
                .idleKeyRetention(retention)
                .checkpointInterval(checkpointInterval)
                .parallelism(parallelism)
                .maxFailedCheckpoints(maxFailedCheckpoints)
                .privacyMode(hashOnly);
        return new ValidatorLaunch(builder.build(), kafka, auditDb, checkpointDir, backend);
    }

    public ValidatorOptions options() {
        return options;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public Optional<String> auditDbUri() {
        return Optional.ofNullable(auditDbUri);
    }

    public ValidatorTopics topics() {
        return new ValidatorTopics(options.migration());
    }

    /**
     * The local directory its checkpoints go to; empty when the Flink configuration decides (a cluster's {@code
     * execution.checkpointing.dir}).
     */
    public Optional<CheckpointDirectory> checkpointDirectory() {
        return Optional.ofNullable(checkpointDirectory);
    }

    /** The checkpoint this launch resumes from: the newest completed one in the checkpoint directory, if any. */
    public Optional<Path> resumeFrom() {
        return checkpointDirectory == null ? Optional.empty() : checkpointDirectory.latestCompleted();
    }

    /**
     * Flink settings of this launch: the state backend and, with a checkpoint directory, checkpoints kept there after
     * the job ends (also when it is cancelled or killed) and a restore from the newest one. Without a directory the
     * environment's configuration must name durable storage ({@link ValidatorJob} refuses to build otherwise).
     */
    public Configuration flinkConfiguration() {
        Configuration config = new Configuration();
        config.set(StateBackendOptions.STATE_BACKEND, stateBackend.name().toLowerCase(Locale.ROOT));
        if (stateBackend == StateBackend.ROCKSDB) {
            // Checkpoints then upload only what changed, instead of the whole state every interval.
            config.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            // RocksDB's write buffers and block cache come from managed memory, which a local MiniCluster (validate,
            // demo) sizes at 128 MB: the validator then ran at a quarter of its speed. A cluster's task managers keep
            // their own memory settings; this one only applies to a local run.
            config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, ROCKSDB_LOCAL_MANAGED_MEMORY);
        }
        if (checkpointDirectory != null) {
            config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            config.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    checkpointDirectory.path().toUri().toString());
            config.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            resumeFrom()
                    .ifPresent(path -> config.set(
                            StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString()));
        }
        return config;
    }

    /**
     * Creates the validator's output topics if missing; returns the input topics that capture has not created yet
     * (the job picks them up once they exist).
     */
    public List<String> prepareTopics() {
        return new ValidatorKafka(kafkaBootstrap, topics()).prepareTopics();
    }

    /** Adds the validator reading and writing Kafka (and the audit store, if given) to {@code env}. */
    public ValidatorJob.Outputs addTo(StreamExecutionEnvironment env) {
        ValidatorKafka kafka = new ValidatorKafka(kafkaBootstrap, topics());
        ValidatorJob.Outputs outputs = ValidatorJob.build(
                env, kafka.changes(Side.SOURCE), kafka.changes(Side.TARGET), kafka.drifts(), kafka.statuses(), options);
        if (auditDbUri != null) {
            outputs.drifts()
                    .sinkTo(AuditStoreSink.drifts(auditDbUri, options.migration()))
                    .name("drift findings")
                    .uid(ValidatorJob.DRIFT_AUDIT_SINK_UID)
                    .setParallelism(outputs.drifts().getParallelism());
            outputs.statuses()
                    .sinkTo(AuditStoreSink.statuses(auditDbUri, options.migration()))
                    .name("validation status rows")
                    .uid(ValidatorJob.STATUS_AUDIT_SINK_UID)
                    .setParallelism(1);
        }
        return outputs;
    }

    private static Duration duration(String name, String value) {
        try {
            return TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    name + " '" + value + "' is not a duration: write e.g. 500ms, 10s, 5min or 1h", e);
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a whole number", e);
        }
    }
}
