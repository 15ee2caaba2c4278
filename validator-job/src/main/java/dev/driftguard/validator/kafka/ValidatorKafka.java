package dev.driftguard.validator.kafka;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.settings.ClientProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.errors.TopicExistsException;

/** The validator's Kafka sources and exactly-once sinks for one migration. */
public final class ValidatorKafka {

    /**
     * How long an open output transaction may live. It must exceed the checkpoint interval plus the time to recover
     * from a failure, and must not exceed the brokers' {@code transaction.max.timeout.ms} (15 minutes by default).
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    static final Duration PARTITION_DISCOVERY = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final ValidatorTopics topics;
    private final ClientProperties clientProperties;

    public ValidatorKafka(String bootstrapServers, ValidatorTopics topics) {
        this(bootstrapServers, topics, ClientProperties.NONE);
    }

    /** With {@code clientProperties} (TLS, SASL) for every client it makes: sources, sinks and the admin client. */
    public ValidatorKafka(String bootstrapServers, ValidatorTopics topics, ClientProperties clientProperties) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are missing: give host:port[,host:port...]");
        }
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.clientProperties = Objects.requireNonNull(clientProperties, "clientProperties");
    }

    /** The client properties as a fresh {@link Properties}, for a builder to add its own to. */
    private Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(clientProperties.asMap());
        return p;
    }

    public ValidatorTopics topics() {
        return topics;
    }

    /**
     * One side's change topic, from the beginning on a first start (capture's snapshot records come first) and from
     * the checkpointed offsets after a restore. Only committed records are read: capture and a validator's own
     * outputs may be transactional.
     */
    public KafkaSource<RowChange> changes(Side side) {
        return KafkaSource.<RowChange>builder()
                .setProperties(clientProperties())
                .setBootstrapServers(bootstrapServers)
                // A pattern, not a topic list: a list fails the job while capture has not created the topic yet.
                .setTopicPattern(Pattern.compile(Pattern.quote(topics.changes(side))))
                .setGroupId(topics.consumerGroup())
                .setClientIdPrefix(topics.consumerGroup() + "-" + side.name().toLowerCase(Locale.ROOT))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RowChangeDeserializer())
                .setProperty("isolation.level", "read_committed")
                // A topic capture creates after the validator started is picked up within this period.
                .setProperty("partition.discovery.interval.ms", Long.toString(PARTITION_DISCOVERY.toMillis()))
                .build();
    }

    /**
     * Creates the output topics if they do not exist (the drift topic with as many partitions as the source topic,
     * the status topic with one; the brokers' default replication) and returns the input topics that do not exist
     * yet: capture creates those.
     */
    public List<String> prepareTopics() {
        Properties adminConfig = clientProperties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            int driftPartitions = 1;
            String sourceTopic = topics.changes(Side.SOURCE);
            if (existing.contains(sourceTopic)) {
                driftPartitions = admin.describeTopics(List.of(sourceTopic))
                        .allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(sourceTopic)
                        .partitions()
                        .size();
            }
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(topics.drifts())) {
                missing.add(new NewTopic(topics.drifts(), Optional.of(driftPartitions), Optional.empty()));
            }
            if (!existing.contains(topics.status())) {
                missing.add(new NewTopic(topics.status(), Optional.of(1), Optional.empty()));
            }
            for (var created : admin.createTopics(missing).values().entrySet()) {
                try {
                    created.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return Stream.of(topics.changes(Side.SOURCE), topics.changes(Side.TARGET))
                    .filter(topic -> !existing.contains(topic))
                    .toList();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot prepare the validator's topics on Kafka " + bootstrapServers + ": "
                            + (cause.getMessage() != null
                                    ? cause.getMessage()
                                    : "no answer within " + ADMIN_TIMEOUT.toSeconds() + " s ("
                                            + cause.getClass().getSimpleName() + ")")
                            + "; check --kafka and that the brokers are reachable",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the validator's topics", e);
        }
    }

    public KafkaSink<DriftEvent> drifts() {
        return KafkaSink.<DriftEvent>builder()
                .setKafkaProducerConfig(clientProperties())
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(AvroRecordSerializer.drifts(topics.drifts()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(topics.driftTransactionalIdPrefix())
                .setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()))
                .build();
    }

    public KafkaSink<ValidationStatus> statuses() {
        return KafkaSink.<ValidationStatus>builder()
                .setKafkaProducerConfig(clientProperties())
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(AvroRecordSerializer.statuses(topics.status()))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(topics.statusTransactionalIdPrefix())
                .setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()))
                .build();
    }
}
