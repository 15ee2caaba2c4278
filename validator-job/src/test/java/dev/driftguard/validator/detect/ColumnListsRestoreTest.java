package dev.driftguard.validator.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.validator.TestChanges;
import dev.driftguard.validator.ValidatorOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key states refer to their column names by fingerprint ({@link ColumnSets}); a restore in a new process (simulated
 * by forgetting every list) resolves them from the checkpoint alone.
 */
class ColumnListsRestoreTest {

    private static final long T0 = 1_000;
    private static final long TOLERANCE = 10_000;
    private static final ValidatorOptions OPTIONS = ValidatorOptions.builder(TestChanges.MIGRATION)
            .tolerance(Duration.ofMillis(TOLERANCE))
            .idleKeyRetention(Duration.ofMinutes(1))
            .statusInterval(Duration.ofSeconds(1))
            .build();

    private final TestChanges src = TestChanges.source();
    private final TestChanges tgt = TestChanges.target();
    private DetectorHarness detector;

    @AfterEach
    void stop() throws Exception {
        if (detector != null) {
            detector.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void aRestoreInANewProcessKnowsTheColumnNamesOfEveryKey(String backendName) throws Exception {
        detector = DetectorHarness.start(OPTIONS, backend(backendName), null).at(T0);
        detector.source(src.insert(1, 100, "id", "1", "status", "paid"));
        detector.target(tgt.insert(1, 500, "id", "1", "status", "new"));
        detector.snapshot(1);
        // A list first seen after an earlier checkpoint is in the next one.
        detector.source(src.insert(2, 110, "id", "2", "note", "new list", "status", "paid"));
        OperatorSubtaskState checkpoint = detector.snapshot(2);
        detector.close();
        ColumnSets.forgetAllForTests();

        detector =
                DetectorHarness.start(OPTIONS, backend(backendName), checkpoint).at(T0 + TOLERANCE);

        List<DriftEvent> drifts = detector.newDrifts();
        assertThat(drifts).hasSize(2);
        DriftEvent mismatch = drifts.stream()
                .filter(d -> d.getKind() == DriftKind.VALUE_MISMATCH)
                .findFirst()
                .orElseThrow();
        assertThat(mismatch.getColumns()).containsExactly("status");
        assertThat(mismatch.getSourceValues()).isEqualTo(Map.of("status", "paid"));
        assertThat(mismatch.getTargetValues()).isEqualTo(Map.of("status", "new"));
        DriftEvent missing = drifts.stream()
                .filter(d -> d.getKind() == DriftKind.MISSING_ON_TARGET)
                .findFirst()
                .orElseThrow();
        assertThat(missing.getKey()).containsExactly(new KeyPart("id", "2"));
        assertThat(missing.getSourceValues()).isEqualTo(Map.of("id", "2", "note", "new list", "status", "paid"));
    }

    @Test
    void aKeyStateWhoseColumnListIsUnknownIsRefusedNotMisread() throws IOException {
        KeyState state = new KeyState(new String[] {"id"});
        state.source = SideVersion.of(src.insert(1, 100, "id", "1", "status", "paid"), true)
                .following(null);
        DataOutputSerializer out = new DataOutputSerializer(64);
        new KeyStateSerializer().serialize(state, out);
        ColumnSets.forgetAllForTests();

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThatThrownBy(() -> new KeyStateSerializer().deserialize(in))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("column list")
                .hasMessageContaining("restore an earlier checkpoint");
    }

    @Test
    void aKeyStateNamesARegisteredListByItsFingerprintOnly() throws IOException {
        String[] columns = {"id", "a_rather_long_column_name", "another_long_column_name"};
        KeyState state = new KeyState(new String[] {"id"});
        state.source = SideVersion.of(src.insert(1, 100, "id", "1", columns[1], "x", columns[2], "y"), true);
        int inline = serializedSize(state);
        state.source = state.source.following(null);

        assertThat(serializedSize(state)).isEqualTo(inline - columnNameBytes(columns) + Long.BYTES);
    }

    @Test
    void theSerializerSnapshotCarriesTheColumnListsAndReadsThoseOfEarlierBuilds() throws IOException {
        String[] columns = ColumnSets.canonical(new String[] {"id", "snapshot_test_column"});
        long fingerprint = ColumnSets.fingerprintOf(columns);
        DataOutputSerializer out = new DataOutputSerializer(64);
        KeyStateSerializer.Snapshot written = new KeyStateSerializer.Snapshot();
        written.writeSnapshot(out);
        ColumnSets.forgetAllForTests();

        new KeyStateSerializer.Snapshot()
                .readSnapshot(written.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()), null);

        assertThat(ColumnSets.resolve(fingerprint)).containsExactly(columns);
        // Earlier builds wrote a SimpleTypeSerializerSnapshot: nothing (version 3) or the class name (version 2).
        new KeyStateSerializer.Snapshot().readSnapshot(3, new DataInputDeserializer(new byte[0]), null);
        DataOutputSerializer version2 = new DataOutputSerializer(64);
        version2.writeUTF(KeyStateSerializer.class.getName());
        DataInputDeserializer in = new DataInputDeserializer(version2.getCopyOfBuffer());
        new KeyStateSerializer.Snapshot().readSnapshot(2, in, null);
        assertThat(in.available()).isZero();
    }

    private static int columnNameBytes(String[] names) {
        int bytes = 0;
        for (String name : names) {
            bytes += 1 + name.length();
        }
        return bytes;
    }

    private static int serializedSize(KeyState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        new KeyStateSerializer().serialize(state, out);
        return out.length();
    }

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }
}
