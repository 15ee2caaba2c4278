package dev.driftguard.capture;

import dev.driftguard.avro.RowChange;
import dev.driftguard.row.RowChangeCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Test helper: reads a capture topic from the beginning and decodes its records. */
public final class TopicRecords {

    /** One decoded record with its Kafka coordinates. */
    public record Captured(int partition, long offset, RowChangeCodec.KafkaKey key, RowChange change) {}

    private TopicRecords() {}

    /** Reads until {@code done} holds for everything read so far, or fails after {@code timeout}. */
    public static List<Captured> readUntil(
            String bootstrap, String topic, Predicate<List<Captured>> done, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Captured> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(out)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeout + " reading " + topic + "; got " + out.size()
                            + " records: "
                            + out.stream()
                                    .limit(50)
                                    .map(c -> c.change().getOp() + " " + c.key().encodedKey())
                                    .toList());
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new Captured(
                            r.partition(),
                            r.offset(),
                            RowChangeCodec.decodeKey(r.key()),
                            RowChangeCodec.decodeValue(r.value())));
                }
            }
        }
        return out;
    }

    public static Predicate<List<Captured>> atLeast(int count) {
        return records -> records.size() >= count;
    }
}
