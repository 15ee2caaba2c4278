package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.status.PartialStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** The drift detector in Flink's keyed two-input operator test harness, with processing time under test control. */
final class DetectorHarness implements AutoCloseable {

    private static final long CLOCK_STEP_MILLIS = 1_000;

    private final KeyedTwoInputStreamOperatorTestHarness<String, ChangeEvent, ChangeEvent, DriftEvent> harness;
    private final ToChangeEvent sourceEvents;
    private final ToChangeEvent targetEvents;
    private final ChangeEventSerializer events = new ChangeEventSerializer();
    private int driftsSeen;

    private DetectorHarness(
            ValidatorOptions options,
            StateBackend backend,
            OperatorSubtaskState restoreFrom,
            TypeInformation<String> keyType,
            long openAtMillis)
            throws Exception {
        sourceEvents = new ToChangeEvent(options.migration(), Side.SOURCE, options.privacyMode());
        targetEvents = new ToChangeEvent(options.migration(), Side.TARGET, options.privacyMode());
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new DriftDetector(options), new DetectorKey(), new DetectorKey(), keyType);
        harness.setStateBackend(backend);
        harness.setup(new AvroSerializer<>(DriftEvent.class));
        harness.setStateTtlProcessingTime(openAtMillis);
        harness.setProcessingTime(openAtMillis);
        if (restoreFrom == null) {
            harness.initializeEmptyState();
        } else {
            harness.initializeState(restoreFrom);
        }
        harness.open();
    }

    static DetectorHarness start(ValidatorOptions options) throws Exception {
        return start(options, new HashMapStateBackend(), null);
    }

    static DetectorHarness start(ValidatorOptions options, StateBackend backend, OperatorSubtaskState restoreFrom)
            throws Exception {
        return start(options, backend, restoreFrom, DetectorKeyType.INSTANCE);
    }

    /** The detector keyed by {@code keyType} instead of the job's {@link DetectorKeyType}. */
    static DetectorHarness start(
            ValidatorOptions options,
            StateBackend backend,
            OperatorSubtaskState restoreFrom,
            TypeInformation<String> keyType)
            throws Exception {
        return new DetectorHarness(options, backend, restoreFrom, keyType, 0);
    }

    /** The detector restored from {@code checkpoint} and opened at processing time {@code millis}: a restart. */
    static DetectorHarness restartedAt(ValidatorOptions options, OperatorSubtaskState checkpoint, long millis)
            throws Exception {
        return new DetectorHarness(options, new HashMapStateBackend(), checkpoint, DetectorKeyType.INSTANCE, millis);
    }

    /**
     * Moves processing time and the state TTL clock forward to {@code millis}, firing due timers. The harness keeps
     * the two clocks apart, so they advance together in steps as they do in a running job.
     */
    DetectorHarness at(long millis) throws Exception {
        long now = harness.getProcessingTime();
        while (now < millis) {
            now = Math.min(millis, now + CLOCK_STEP_MILLIS);
            harness.setStateTtlProcessingTime(now);
            harness.setProcessingTime(now);
        }
        return this;
    }

    /** The latest partial status of {@code schema.table} emitted so far. */
    PartialStatus latestPartial(String schema, String table) {
        PartialStatus latest = null;
        for (StreamRecord<PartialStatus> record : harness.getSideOutput(DriftDetector.PARTIAL_STATUS)) {
            PartialStatus p = record.getValue();
            if (p.schema.equals(schema) && p.table.equals(table)) {
                latest = p;
            }
        }
        if (latest == null) {
            throw new AssertionError("no partial status for " + schema + "." + table + " was emitted");
        }
        return latest;
    }

    DetectorHarness source(RowChange change) throws Exception {
        harness.processElement1(new StreamRecord<>(shipped(sourceEvents.map(change))));
        return this;
    }

    DetectorHarness target(RowChange change) throws Exception {
        harness.processElement2(new StreamRecord<>(shipped(targetEvents.map(change))));
        return this;
    }

    /** {@code event} as the detector receives it in a job: serialized by the source's task, read by its own. */
    private ChangeEvent shipped(ChangeEvent event) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        events.serialize(event, out);
        return events.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    /** Drift events emitted since the previous call. */
    List<DriftEvent> newDrifts() {
        List<DriftEvent> all = harness.extractOutputValues();
        List<DriftEvent> fresh = new ArrayList<>(all.subList(driftsSeen, all.size()));
        driftsSeen = all.size();
        return fresh;
    }

    int keyedStateEntries() {
        return harness.numKeyedStateEntries();
    }

    int timers() {
        return harness.numProcessingTimeTimers();
    }

    /** A checkpoint as the runtime takes it: the pre-barrier step, then the snapshot. */
    OperatorSubtaskState snapshot(long checkpointId) throws Exception {
        harness.prepareSnapshotPreBarrier(checkpointId);
        return harness.snapshot(checkpointId, harness.getProcessingTime());
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
