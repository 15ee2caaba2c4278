package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class LocalKafkaITCase {

    @Test
    void producesAndConsumes(LocalKafka kafka) {
        kafka.createTopic("plain", 3);
        kafka.createTopic("plain", 3);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka, Map.of()))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("plain", "k" + i, "v" + i));
            }
            producer.flush();
        }
        assertThat(readAll(kafka, "plain", "read_committed", 10)).hasSize(10).contains("k0=v0", "k9=v9");
    }

    @Test
    void commitsTransactionsAndHidesAbortedOnes(LocalKafka kafka) {
        kafka.createTopic("transactional", 1);
        Map<String, Object> tx = Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "driftguard-it",
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                (int) Duration.ofHours(1).toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka, tx))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "a", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "c", "committed"));
            producer.commitTransaction();
        }
        assertThat(readAll(kafka, "transactional", "read_committed", 1)).containsExactly("c=committed");
    }

    private static Properties producerConfig(LocalKafka kafka, Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.putAll(extra);
        return p;
    }

    private static List<String> readAll(LocalKafka kafka, String topic, String isolation, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // Keep polling a little after reaching the expected count, so that an unexpected extra record shows up.
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.key() + "=" + r.value());
                }
                if (seen.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
        }
        return seen;
    }
}
