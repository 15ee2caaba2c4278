package dev.driftguard.validator.bench;

import dev.driftguard.avro.Side;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The benchmark's Kafka clients: the topics of one migration, pre-loaded with a workload, and plain byte clients. */
final class BenchKafka {

    static final int PARTITIONS = 2;

    private BenchKafka() {}

    /** Creates a new migration's topics and writes {@code workload} to them; returns the bytes written. */
    static long prepare(LocalKafka kafka, ValidatorTopics topics, BenchmarkWorkload workload) {
        kafka.createTopic(topics.changes(Side.SOURCE), PARTITIONS);
        kafka.createTopic(topics.changes(Side.TARGET), PARTITIONS);
        kafka.createTopic(topics.drifts(), PARTITIONS);
        kafka.createTopic(topics.status(), 1);
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

    static KafkaProducer<byte[], byte[]> producer(LocalKafka kafka) {
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

    static KafkaConsumer<byte[], byte[]> consumer(LocalKafka kafka, String topic, String isolation) {
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
}
