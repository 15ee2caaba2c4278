package dev.driftguard.validator;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.validator.kafka.ValidatorKafka;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

class DurableCheckpointsTest {

    @Test
    void theJobRefusesAnEnvironmentWithoutACheckpointDirectoryNamingTheSetting() {
        assertThatThrownBy(() -> build(new Configuration()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("execution.checkpointing.dir is not set")
                .hasMessageContaining("--checkpoint-dir");
    }

    @Test
    void theJobRefusesInMemoryCheckpointStorage() {
        Configuration config = new Configuration();
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "jobmanager");
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:///tmp/x");

        assertThatThrownBy(() -> build(config))
                .hasMessageContaining("refuses execution.checkpointing.storage: jobmanager");
    }

    @Test
    void aCheckpointDirectoryIsEnough() {
        Configuration config = new Configuration();
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:///tmp/x");

        assertThatCode(() -> build(config)).doesNotThrowAnyException();
    }

    private static void build(Configuration config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        // Built, never run: nothing connects to this address.
        ValidatorKafka kafka = new ValidatorKafka("localhost:1", new ValidatorTopics("m1"));
        Source<RowChange, ?, ?> source = kafka.changes(Side.SOURCE);
        Source<RowChange, ?, ?> target = kafka.changes(Side.TARGET);
        Sink<DriftEvent> drifts = new DiscardingSink<>();
        Sink<ValidationStatus> statuses = new DiscardingSink<>();
        ValidatorJob.build(
                env,
                source,
                target,
                drifts,
                statuses,
                ValidatorOptions.builder("m1").tolerance(Duration.ofSeconds(1)).build());
    }
}
