package dev.driftguard.validator;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.row.RowChangeCodec;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A test migration's topics on the local Kafka: writes capture-format records, reads the validator's outputs. */
public final class KafkaTopics {

    private final LocalKafka kafka;
    private final ValidatorTopics topics;

    public KafkaTopics(LocalKafka kafka, String migration, int changePartitions) {
        this.kafka = kafka;
        this.topics = new ValidatorTopics(migration);
        kafka.createTopic(topics.changes(Side.SOURCE), changePartitions);
        kafka.createTopic(topics.changes(Side.TARGET), changePartitions);
        kafka.createTopic(topics.drifts(), changePartitions);
        kafka.createTopic(topics.status(), 1);
    }

    public ValidatorTopics names() {
        return topics;
    }

    /** Writes changes to their side's topic, keyed exactly as capture keys them, and waits for the acks. */
    public void send(List<RowChange> changes) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, "5"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (RowChange change : changes) {
                byte[] key = RowChangeCodec.encodeKey(
                        RowChangeFactory.tableId(change), RowChangeFactory.rowKey(change.getKey()));
                producer.send(new ProducerRecord<>(
                        topics.changes(change.getSide()), key, RowChangeCodec.encodeValue(change)));
            }
            producer.flush();
        }
    }

    /** Every committed drift event so far, waiting until {@code done} holds for them (or failing after the timeout). */
    public List<DriftEvent> awaitDrifts(Predicate<List<DriftEvent>> done, Duration timeout) {
        return await(topics.drifts(), KafkaTopics::decodeDrift, done, timeout);
    }

    /** Every committed drift event so far, once at least {@code resolutions} of them are RESOLVED. */
    public List<DriftEvent> awaitResolutions(int resolutions, Duration timeout) {
        return awaitDrifts(
                events -> events.stream()
                                .filter(e -> e.getKind() == DriftKind.RESOLVED)
                                .count()
                        >= resolutions,
                timeout);
    }

    /** The committed drift events up to the topic's current end. */
    public List<DriftEvent> currentDrifts() {
        List<DriftEvent> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.drifts()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read the drift topic up to its end " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(decodeDrift(record.value()));
                }
            }
        }
        return records;
    }

    /** Waits until a committed migration-wide status counts at least {@code events} on each side. */
    public void awaitEventsOnBothSides(long events, Duration timeout) {
        awaitStatuses(
                statuses -> statuses.stream()
                        .anyMatch(s ->
                                s.getTable() == null && s.getEventsSource() >= events && s.getEventsTarget() >= events),
                timeout);
    }

    public List<ValidationStatus> awaitStatuses(Predicate<List<ValidationStatus>> done, Duration timeout) {
        return await(topics.status(), KafkaTopics::decodeStatus, done, timeout);
    }

    private <T> List<T> await(String topic, Decoder<T> decoder, Predicate<List<T>> done, Duration timeout) {
        List<T> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            while (!done.test(records)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "timed out after " + timeout + " waiting on topic " + topic + "; read so far: " + records);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(decoder.decode(record.value()));
                }
            }
        }
        return records;
    }

    /** Reads committed records only, as a cutover gate or an auditor would. */
    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T decode(byte[] bytes);
    }

    private static DriftEvent decodeDrift(byte[] bytes) {
        try {
            return DriftEvent.getDecoder().decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ValidationStatus decodeStatus(byte[] bytes) {
        try {
            return ValidationStatus.getDecoder().decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
