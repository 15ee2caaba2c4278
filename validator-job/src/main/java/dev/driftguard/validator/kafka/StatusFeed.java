package dev.driftguard.validator.kafka;

import dev.driftguard.avro.ValidationStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
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
 * The migration-wide statuses a validator writes from now on, for a live display. Read uncommitted: a display need not
 * wait for the next checkpoint, and while checkpoints fail it still shows what the validator sees (the health says that
 * none of it is committed).
 */
public final class StatusFeed implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private ValidationStatus latest;

    public StatusFeed(String bootstrapServers, ValidatorTopics topics) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "driftguard-validate-status-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_uncommitted"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.status()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** Reads what arrived within {@code wait}; returns the newest migration-wide status seen so far, if any. */
    public Optional<ValidationStatus> poll(Duration wait) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
            ValidationStatus status = decode(record.value());
            if (status.getTable() == null) {
                latest = status;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static ValidationStatus decode(byte[] bytes) {
        try {
            return ValidationStatus.getDecoder().decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a record of the status topic is not a ValidationStatus", e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
