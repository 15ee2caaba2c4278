package dev.driftguard.validator;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.validator.detect.ChangeEvent;
import dev.driftguard.validator.detect.ChangeEventType;
import dev.driftguard.validator.detect.DetectorKey;
import dev.driftguard.validator.detect.DetectorKeyType;
import dev.driftguard.validator.detect.DriftDetector;
import dev.driftguard.validator.detect.ToChangeEvent;
import dev.driftguard.validator.status.PartialStatus;
import dev.driftguard.validator.status.StatusAggregator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The validator's dataflow: both sides' change streams, keyed by (table, key), into the {@link DriftDetector}; its
 * per-table counters into the {@link StatusAggregator}; drift events and statuses into the given sinks. Sources and
 * sinks are parameters, so tests and the command line wire their own (Kafka: {@code ValidatorKafka}; audit store:
 * {@code AuditStoreSink}).
 *
 * <p>Every stateful operator has a fixed uid, so savepoints keep working across versions of the job: {@value
 * #SOURCE_UID}, {@value #TARGET_UID}, {@value #DETECTOR_UID}, {@value #AGGREGATOR_UID}, the sinks {@value
 * #DRIFT_SINK_UID} and {@value #STATUS_SINK_UID}, and for the audit store {@value #DRIFT_AUDIT_SINK_UID} and {@value
 * #STATUS_AUDIT_SINK_UID}.
 */
public final class ValidatorJob {

    public static final String SOURCE_UID = "source-changes";
    public static final String TARGET_UID = "target-changes";
    public static final String DETECTOR_UID = "drift-detector";
    public static final String AGGREGATOR_UID = "status-aggregator";
    public static final String DRIFT_SINK_UID = "drift-sink";
    public static final String STATUS_SINK_UID = "status-sink";
    public static final String DRIFT_AUDIT_SINK_UID = "drift-audit-sink";
    public static final String STATUS_AUDIT_SINK_UID = "status-audit-sink";

    private ValidatorJob() {}

    /**
     * The job's two output streams, for attaching more sinks. A drift sink must run at the parallelism of {@code
     * drifts} (forward), so that a drift and its resolution reach the same sink subtask in order; a status sink at
     * parallelism 1.
     */
    public record Outputs(DataStream<DriftEvent> drifts, DataStream<ValidationStatus> statuses) {}

    /**
     * Adds the validator to {@code env} with one sink per output, enables exactly-once checkpointing at the options'
     * interval and returns the output streams (to attach e.g. the audit store as well). Refuses an environment without
     * durable checkpoint storage ({@code execution.checkpointing.dir}).
     */
    public static Outputs build(
            StreamExecutionEnvironment env,
            Source<RowChange, ?, ?> source,
            Source<RowChange, ?, ?> target,
            Sink<DriftEvent> drifts,
            Sink<ValidationStatus> statuses,
            ValidatorOptions options) {
        Outputs outputs = outputs(env, source, target, options);
        outputs.drifts()
                .sinkTo(drifts)
                .name("drift events")
                .uid(DRIFT_SINK_UID)
                .setParallelism(outputs.drifts().getParallelism());
        outputs.statuses()
                .sinkTo(statuses)
                .name("validation status")
                .uid(STATUS_SINK_UID)
                .setParallelism(1);
        return outputs;
    }

    /** The dataflow without sinks. */
    public static Outputs outputs(
            StreamExecutionEnvironment env,
            Source<RowChange, ?, ?> source,
            Source<RowChange, ?, ?> target,
            ValidatorOptions options) {
        DurableCheckpoints.require(env.getConfiguration());
        env.enableCheckpointing(options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // The job fails at the Nth failed checkpoint in a row: until then its findings are found but never committed.
        env.getCheckpointConfig().setTolerableCheckpointFailureNumber(options.maxFailedCheckpoints() - 1);
        // Every operator of this job emits new objects and never changes a record it was given, so Flink need not copy
        // records between chained operators (the decoded RowChange before its conversion would be a deep copy).
        env.getConfig().enableObjectReuse();
        AvroRecordType<RowChange> changeType = AvroRecordType.forClass(RowChange.class);
        DataStream<ChangeEvent> sourceChanges = env.fromSource(
                        source, WatermarkStrategy.noWatermarks(), "source changes", changeType)
                .uid(SOURCE_UID)
                .map(
                        new ToChangeEvent(options.migration(), Side.SOURCE, options.privacyMode()),
                        ChangeEventType.INSTANCE)
                .name("source change events")
                .uid(SOURCE_UID + "-events");
        DataStream<ChangeEvent> targetChanges = env.fromSource(
                        target, WatermarkStrategy.noWatermarks(), "target changes", changeType)
                .uid(TARGET_UID)
                .map(
                        new ToChangeEvent(options.migration(), Side.TARGET, options.privacyMode()),
                        ChangeEventType.INSTANCE)
                .name("target change events")
                .uid(TARGET_UID + "-events");
        SingleOutputStreamOperator<DriftEvent> drifts = sourceChanges
                .connect(targetChanges)
                .keyBy(new DetectorKey(), new DetectorKey(), DetectorKeyType.INSTANCE)
                .transform("drift detector", AvroRecordType.forClass(DriftEvent.class), new DriftDetector(options))
                .uid(DETECTOR_UID);
        if (options.parallelism() > 0) {
            drifts.setParallelism(options.parallelism());
        }
        SingleOutputStreamOperator<ValidationStatus> statuses = drifts.getSideOutput(DriftDetector.PARTIAL_STATUS)
                .keyBy(new ByMigration(), Types.STRING)
                .process(
                        new StatusAggregator(options.statusInterval(), options.lagWindow()),
                        AvroRecordType.forClass(ValidationStatus.class))
                .name("status aggregator")
                .uid(AGGREGATOR_UID)
                .setParallelism(1)
                .setMaxParallelism(1);
        return new Outputs(drifts, statuses);
    }

    /** All partial statuses of a migration meet in one aggregator. */
    private static final class ByMigration implements KeySelector<PartialStatus, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(PartialStatus partial) {
            return partial.migration;
        }
    }
}
