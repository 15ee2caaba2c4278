package dev.driftguard.cli.demo;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the validator publishes, as an auditor would read it: the drift and status topics from the beginning, only
 * committed records (the validator writes them exactly-once, so they appear at its checkpoints).
 */
final class ValidatorFeed implements AutoCloseable {

    private final ValidatorTopics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private ValidationStatus latestStatus;

    ValidatorFeed(String kafkaBootstrap, ValidatorTopics topics) {
        this.topics = topics;
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafkaBootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "driftguard-demo-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = Stream.of(topics.drifts(), topics.status())
                .flatMap(topic -> consumer.partitionsFor(topic).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Drift events published since the last poll (in order per key); also updates {@link #latestStatus()}. */
    List<DriftEvent> poll(Duration timeout) {
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

    /** The newest migration-wide status, or null before the first one. */
    ValidationStatus latestStatus() {
        return latestStatus;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
