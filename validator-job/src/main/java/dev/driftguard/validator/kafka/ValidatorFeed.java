package dev.driftguard.validator.kafka;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.settings.ClientProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a validator publishes, read back: its drift events and its migration-wide statuses. Two ways to read:
 * {@link #committed} from the beginning, as an auditor or a gate would (only what its checkpoints committed), and
 * {@link #live} from now on, uncommitted, for a display that need not wait for the next checkpoint.
 */
public final class ValidatorFeed implements AutoCloseable {

    private final ValidatorTopics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private ValidationStatus latestStatus;

    private ValidatorFeed(
            String kafkaBootstrap,
            ClientProperties clientProperties,
            ValidatorTopics topics,
            boolean committed,
            List<String> read) {
        this.topics = topics;
        Map<String, Object> config = new HashMap<>(clientProperties.asMap());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "driftguard-feed-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = read.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            if (committed) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Every committed drift event and status, from the beginning of the topics. */
    public static ValidatorFeed committed(String kafkaBootstrap, ValidatorTopics topics) {
        return new ValidatorFeed(
                kafkaBootstrap, ClientProperties.NONE, topics, true, List.of(topics.drifts(), topics.status()));
    }

    /** The statuses written from now on, committed or not. */
    public static ValidatorFeed live(String kafkaBootstrap, ClientProperties clientProperties, ValidatorTopics topics) {
        return new ValidatorFeed(kafkaBootstrap, clientProperties, topics, false, List.of(topics.status()));
    }

    /** Drift events read within {@code timeout} (in order per key); also updates {@link #latestStatus()}. */
    public List<DriftEvent> poll(Duration timeout) {
        List<DriftEvent> drifts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                if (record.topic().equals(topics.drifts())) {
                    drifts.add(DriftEvent.getDecoder().decode(record.value()));
                } else {
                    ValidationStatus status = ValidationStatus.getDecoder().decode(record.value());
                    if (status.getTable() == null) {
                        latestStatus = status;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot decode a record of topic " + record.topic() + " at offset " + record.offset() + ": "
                                + e.getMessage(),
                        e);
            }
        }
        return drifts;
    }

    /** The newest migration-wide status read so far, if any. */
    public Optional<ValidationStatus> latestStatus() {
        return Optional.ofNullable(latestStatus);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
