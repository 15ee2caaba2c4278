package dev.driftguard.validator;

import dev.driftguard.avro.Side;
import dev.driftguard.settings.ClientProperties;
import dev.driftguard.settings.CommonSettings;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.SettingArgs;
import dev.driftguard.settings.Settings;
import dev.driftguard.validator.audit.AuditStoreSink;
import dev.driftguard.validator.kafka.ValidatorKafka;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.nio.file.Path;
import java.util.ArrayList;
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

    public static final Setting<String> KAFKA = CommonSettings.KAFKA.asRequired();

    public static final Setting<ClientProperties> KAFKA_CONFIG = CommonSettings.KAFKA_CONFIG;

    public static final Setting<String> AUDIT_DB = CommonSettings.AUDIT_DB.describedAs(
            "Also write findings, status and health to this audit store (postgresql:// or jdbc:postgresql:// URI).");

    public static final Setting<Path> CHECKPOINT_DIR = Setting.path("checkpoint-dir", "DIR")
            .description("Keep checkpoints here and resume from the newest one. Default for validate: <state dir>/"
                    + "validator/<migration>/checkpoints; under flink run: the cluster's execution.checkpointing.dir.")
            .build();

    public static final Setting<StateBackend> STATE_BACKEND = Setting.of(
                    "state-backend", StateBackend.class, "hashmap|rocksdb", StateBackend::parse, b -> b.name()
                            .toLowerCase(Locale.ROOT))
            .description("Flink state backend; rocksdb for more keys than fit in memory.")
            .defaultValue("hashmap")
            .build();

    /** Every setting of a launch (the job's and where it runs), in the order usage and help list them. */
    public static final List<Setting<?>> SETTINGS = settings();

    /** The {@code flink run} arguments. */
    public static final String USAGE = SettingArgs.usage(SETTINGS);

    private final ValidatorOptions options;
    private final String kafkaBootstrap;
    private final ClientProperties kafkaProperties;
    private final String auditDbUri;
    private final CheckpointDirectory checkpointDirectory;
    private final StateBackend stateBackend;

    public ValidatorLaunch(
            ValidatorOptions options,
            String kafkaBootstrap,
            String auditDbUri,
            Path checkpointDirectory,
            StateBackend stateBackend) {
        this(options, kafkaBootstrap, ClientProperties.NONE, auditDbUri, checkpointDirectory, stateBackend);
    }

    /** With Kafka client properties (TLS, SASL) for every Kafka client of the job and of the launch. */
    public ValidatorLaunch(
            ValidatorOptions options,
            String kafkaBootstrap,
            ClientProperties kafkaProperties,
            String auditDbUri,
            Path checkpointDirectory,
            StateBackend stateBackend) {
        this.kafkaProperties = Objects.requireNonNull(kafkaProperties, "kafkaProperties");
        this.options = Objects.requireNonNull(options, "options");
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            throw new IllegalArgumentException(
                    KAFKA.option() + " is missing: give the bootstrap servers as host:port[,host:port]");
        }
        this.kafkaBootstrap = kafkaBootstrap;
        this.auditDbUri = auditDbUri;
        this.checkpointDirectory = checkpointDirectory == null ? null : new CheckpointDirectory(checkpointDirectory);
        this.stateBackend = Objects.requireNonNull(stateBackend, "stateBackend");
    }

    /** Parses {@code flink run} style arguments ({@link #USAGE}); errors name the argument and the fix. */
    public static ValidatorLaunch parse(String[] args) {
        return of(SettingArgs.parse(args, SETTINGS), null);
    }

    /**
     * The launch the settings describe; {@code defaultCheckpoints} is the checkpoint directory when none is given
     * (null: the Flink configuration decides).
     */
    public static ValidatorLaunch of(Settings settings, Path defaultCheckpoints) {
        Path checkpoints = settings.find(CHECKPOINT_DIR).orElse(defaultCheckpoints);
        return new ValidatorLaunch(
                ValidatorOptions.from(settings),
                settings.get(KAFKA),
                settings.find(KAFKA_CONFIG).orElse(ClientProperties.NONE),
                settings.get(AUDIT_DB),
                checkpoints,
                settings.get(STATE_BACKEND));
    }

    private static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(ValidatorOptions.SETTINGS);
        all.addAll(1, List.of(KAFKA, KAFKA_CONFIG, AUDIT_DB));
        all.add(all.indexOf(ValidatorOptions.CHECKPOINT_INTERVAL), CHECKPOINT_DIR);
        all.add(all.indexOf(ValidatorOptions.PARALLELISM), STATE_BACKEND);
        return List.copyOf(all);
    }

    public ValidatorOptions options() {
        return options;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** The Kafka client properties (none unless given with --kafka-config). */
    public ClientProperties kafkaProperties() {
        return kafkaProperties;
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
        return new ValidatorKafka(kafkaBootstrap, topics(), kafkaProperties).prepareTopics();
    }

    /** Adds the validator reading and writing Kafka (and the audit store, if given) to {@code env}. */
    public ValidatorJob.Outputs addTo(StreamExecutionEnvironment env) {
        ValidatorKafka kafka = new ValidatorKafka(kafkaBootstrap, topics(), kafkaProperties);
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
}
