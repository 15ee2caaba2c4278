package dev.driftguard.capture.engine;

import dev.driftguard.capture.CaptureNames;
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
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the record topic if it does not exist and tells how many partitions it has. */
final class CaptureTopics {

    private CaptureTopics() {}

    static int ensure(EmbeddedCaptureConfig config, CaptureNames names) {
        Properties p = new Properties();
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
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
            return description.partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new CaptureFailedException(
                    "cannot create or describe topic " + topic + " on Kafka " + config.kafkaBootstrap() + ": "
                            + cause.getMessage() + " (check --kafka and that the broker runs)",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureFailedException("interrupted while creating topic " + topic, e);
        }
    }
}
