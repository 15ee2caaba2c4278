package dev.driftguard.capture.engine;

import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.settings.ClientProperties;
import dev.driftguard.settings.CommonSettings;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The embedded capture of one side: what to capture ({@link CaptureSettings}) and where to deliver.
 *
 * @param kafkaBootstrap Kafka bootstrap servers for records and (by default) offsets
 * @param topicPartitions partitions of the record topic when capture creates it (records of one key always go to one
 *     partition; TRUNCATE records go to every partition)
 * @param replicationFactor replication factor of the topics capture creates ({@code -1}: the broker's default)
 * @param offsetFlushInterval how often processed positions are written to the offset store and confirmed to the slot
 * @param kafkaProperties client properties (TLS, SASL) of every Kafka client capture makes: admin, producer, offsets
 */
public record EmbeddedCaptureConfig(
        CaptureSettings settings,
        String kafkaBootstrap,
        OffsetStore offsets,
        boolean setReplicaIdentityFull,
        int topicPartitions,
        short replicationFactor,
        Duration offsetFlushInterval,
        ClientProperties kafkaProperties) {

    public static final Duration DEFAULT_OFFSET_FLUSH_INTERVAL = Duration.ofSeconds(1);

    public static final Setting<String> KAFKA =
            CommonSettings.KAFKA.describedAs("Kafka bootstrap servers, e.g. localhost:9092. Required.");
    public static final Setting<ClientProperties> KAFKA_CONFIG = CommonSettings.KAFKA_CONFIG;
    public static final Setting<OffsetStore> OFFSETS = Setting.of(
                    "offsets", OffsetStore.class, "kafka|file:PATH", OffsetStore::parse, OffsetStore::text)
            .description("Where the engine keeps its position: the topic driftguard.<migration>.<side>.offsets"
                    + " (kafka) or a file.")
            .defaultValue("kafka")
            .build();
    public static final Setting<Integer> PARTITIONS = Setting.integer("partitions")
            .description("Partitions of the record topic when capture creates it.")
            .defaultValue("1")
            .atLeast(1)
            .build();
    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("replication-factor")
            .description("Replication factor of the topics capture creates (-1: the broker's default).")
            .defaultValue("-1")
            .check(n -> n == -1 || (n >= 1 && n <= Short.MAX_VALUE), "must be -1 (broker default) or at least 1")
            .build();

    /** Where and how the embedded engine delivers, with {@link CaptureSettings#SETTINGS}. */
    public static final List<Setting<?>> SETTINGS = List.of(
            KAFKA, KAFKA_CONFIG, OFFSETS, CaptureSettings.SET_REPLICA_IDENTITY_FULL, PARTITIONS, REPLICATION_FACTOR);

    public EmbeddedCaptureConfig {
        Objects.requireNonNull(settings, "settings");
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            throw new IllegalArgumentException(KAFKA.option() + " needs the bootstrap servers, e.g. localhost:9092");
        }
        offsets = offsets == null ? new OffsetStore.KafkaTopic() : offsets;
        if (topicPartitions < 1) {
            throw new IllegalArgumentException(PARTITIONS.option() + " must be at least 1, got " + topicPartitions);
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            throw new IllegalArgumentException(REPLICATION_FACTOR.option()
                    + " must be -1 (broker default) or at least 1, got " + replicationFactor);
        }
        offsetFlushInterval = offsetFlushInterval == null ? DEFAULT_OFFSET_FLUSH_INTERVAL : offsetFlushInterval;
        kafkaProperties = kafkaProperties == null ? ClientProperties.NONE : kafkaProperties;
        if (offsetFlushInterval.isNegative() || offsetFlushInterval.isZero()) {
            throw new IllegalArgumentException("offset flush interval must be positive, got " + offsetFlushInterval);
        }
    }

    /** Without Kafka client properties (a plain-text broker). */
    public EmbeddedCaptureConfig(
            CaptureSettings settings,
            String kafkaBootstrap,
            OffsetStore offsets,
            boolean setReplicaIdentityFull,
            int topicPartitions,
            short replicationFactor,
            Duration offsetFlushInterval) {
        this(
                settings,
                kafkaBootstrap,
                offsets,
                setReplicaIdentityFull,
                topicPartitions,
                replicationFactor,
                offsetFlushInterval,
                ClientProperties.NONE);
    }

    /** The engine configuration the settings describe ({@link CaptureSettings#SETTINGS} and {@link #SETTINGS}). */
    public static EmbeddedCaptureConfig from(Settings settings) {
        return new EmbeddedCaptureConfig(
                CaptureSettings.from(settings),
                settings.require(KAFKA),
                settings.get(OFFSETS),
                settings.get(CaptureSettings.SET_REPLICA_IDENTITY_FULL),
                settings.get(PARTITIONS),
                settings.get(REPLICATION_FACTOR).shortValue(),
                DEFAULT_OFFSET_FLUSH_INTERVAL,
                settings.find(KAFKA_CONFIG).orElse(ClientProperties.NONE));
    }

    /** Defaults: offsets in Kafka, one partition, the broker's replication factor, flush every second. */
    public static EmbeddedCaptureConfig of(CaptureSettings settings, String kafkaBootstrap) {
        return new EmbeddedCaptureConfig(
                settings,
                kafkaBootstrap,
                new OffsetStore.KafkaTopic(),
                false,
                1,
                (short) -1,
                DEFAULT_OFFSET_FLUSH_INTERVAL);
    }

    public EmbeddedCaptureConfig withOffsets(OffsetStore offsets) {
        return new EmbeddedCaptureConfig(
                settings,
                kafkaBootstrap,
                offsets,
                setReplicaIdentityFull,
                topicPartitions,
                replicationFactor,
                offsetFlushInterval,
                kafkaProperties);
    }

    public EmbeddedCaptureConfig withSetReplicaIdentityFull(boolean set) {
        return new EmbeddedCaptureConfig(
                settings,
                kafkaBootstrap,
                offsets,
                set,
                topicPartitions,
                replicationFactor,
                offsetFlushInterval,
                kafkaProperties);
    }

    public EmbeddedCaptureConfig withTopicPartitions(int partitions) {
        return new EmbeddedCaptureConfig(
                settings,
                kafkaBootstrap,
                offsets,
                setReplicaIdentityFull,
                partitions,
                replicationFactor,
                offsetFlushInterval,
                kafkaProperties);
    }
}
