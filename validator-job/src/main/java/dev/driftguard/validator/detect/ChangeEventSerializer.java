package dev.driftguard.validator.detect;

import dev.driftguard.avro.Side;
import java.io.IOException;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Binary form of {@link ChangeEvent} between operators (and in unaligned checkpoints' in-flight data). An instance
 * reads column names through its cache of lists ({@link EventColumnNames}), so each thread needs its own ({@link
 * #duplicate}).
 */
final class ChangeEventSerializer extends TypeSerializer<ChangeEvent> {

    private static final long serialVersionUID = 1L;
    private static final Side[] SIDES = Side.values();

    private transient EventColumnNames eventNames;

    @Override
    public TypeSerializer<ChangeEvent> duplicate() {
        return new ChangeEventSerializer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeEventSerializer;
    }

    @Override
    public int hashCode() {
        return ChangeEventSerializer.class.hashCode();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ChangeEvent createInstance() {
        return null;
    }

    /** Change events are never modified once made, so a copy can share everything. */
    @Override
    public ChangeEvent copy(ChangeEvent from) {
        return from;
    }

    @Override
    public ChangeEvent copy(ChangeEvent from, ChangeEvent reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ChangeEvent event, DataOutputView out) throws IOException {
        SideVersionFormat.writeString(event.key, out);
        SideVersionFormat.writeString(event.schema, out);
        SideVersionFormat.writeString(event.table, out);
        SideVersionFormat.writeStrings(event.keyColumns, out);
        out.writeByte(event.side.ordinal());
        SideVersionFormat.write(event.version, out);
    }

    @Override
    public ChangeEvent deserialize(DataInputView in) throws IOException {
        String key = SideVersionFormat.readString(in);
        String schema = SideVersionFormat.readString(in);
        String table = SideVersionFormat.readString(in);
        String[] keyColumns = SideVersionFormat.readStrings(in, UnaryOperator.identity());
        Side side = SIDES[in.readByte()];
        if (eventNames == null) {
            eventNames = new EventColumnNames();
        }
        return new ChangeEvent(key, schema, table, keyColumns, side, SideVersionFormat.read(in, eventNames));
    }

    @Override
    public ChangeEvent deserialize(ChangeEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<ChangeEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * Compatibility of the layout above, which only unaligned checkpoints persist (records in flight). Version 4 writes
     * a version's column names ahead of its column tags ({@link SideVersionFormat#write(SideVersion, DataOutputView)});
     * version 3 interleaved them, version 2 and 1 were the earlier layouts of {@link SideVersionFormat}; in-flight
     * records of an earlier version cannot be read by it.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<ChangeEvent> {
        private static final int CURRENT_VERSION = 4;

        private int version = CURRENT_VERSION;

        @Override
        public int getCurrentVersion() {
            return CURRENT_VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
            // The version Flink stores with the snapshot is all there is to it.
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) {
            this.version = readVersion;
        }

        @Override
        public TypeSerializer<ChangeEvent> restoreSerializer() {
            return new ChangeEventSerializer();
        }

        @Override
        public TypeSerializerSchemaCompatibility<ChangeEvent> resolveSchemaCompatibility(
                TypeSerializerSnapshot<ChangeEvent> oldSnapshot) {
            return oldSnapshot instanceof Snapshot old && old.version == CURRENT_VERSION
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
