package dev.driftguard.capture.engine;

import dev.driftguard.capture.CaptureNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the record topic if it does not exist and tells how many partitions it has. */
final class CaptureTopics {

    private static final Duration DESCRIBE_TIMEOUT = Duration.ofSeconds(30);

    private CaptureTopics() {}

    static int ensure(EmbeddedCaptureConfig config, CaptureNames names) {
        Properties p = new Properties();
        p.putAll(config.kafkaProperties().asMap());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        String topic = names.topic();
        try (Admin admin = Admin.create(p)) {
            try {
                admin.createTopics(List.of(new NewTopic(
                                        topic,
                                        Optional.of(config.topicPartitions()),
                                        Optional.of(config.replicationFactor()))
                                .configs(Map.of("cleanup.policy", "delete"))))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return describe(admin, topic).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new CaptureFailedException(
                    "cannot create or describe topic " + topic + " on Kafka " + config.kafkaBootstrap() + ": "
                            + (cause.getMessage() != null
                                    ? cause.getMessage()
                                    : "no answer within " + DESCRIBE_TIMEOUT.toSeconds() + " s ("
                                            + cause.getClass().getSimpleName() + ")")
                            + "; check --kafka and that the broker runs (nothing was created in the database)",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureFailedException("interrupted while creating topic " + topic, e);
        }
    }

    /**
     * Describes a topic that was just created. Kafka acknowledges the creation before every broker's metadata has it,
     * so a describe right after can fail with a retriable error (UnknownTopicOrPartition): retry those until the
     * deadline.
     */
    private static TopicDescription describe(Admin admin, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + DESCRIBE_TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(DESCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
