package dev.driftguard.validator.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink type information of the detector's key ({@link DetectorKey}), a String written as a varint length and its
 * UTF-8 bytes in one write. Flink's own String serializer writes a key a character at a time, which made the heap
 * backend's checkpoints (every tracked key and its cleanup timer, at every checkpoint) markedly slower. Key groups
 * come from {@link String#hashCode()}, as with Flink's String type.
 */
public final class DetectorKeyType extends TypeInformation<String> {

    private static final long serialVersionUID = 1L;

    public static final DetectorKeyType INSTANCE = new DetectorKeyType();

    private DetectorKeyType() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<String> getTypeClass() {
        return String.class;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    public TypeSerializer<String> createSerializer(SerializerConfig config) {
        return Serializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "DetectorKeyType";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectorKeyType;
    }

    @Override
    public int hashCode() {
        return DetectorKeyType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof DetectorKeyType;
    }

    /** Part of the savepoint format (keys of the detector's state and timers): see {@link Snapshot}. */
    static final class Serializer extends TypeSerializerSingleton<String> {

        private static final long serialVersionUID = 1L;

        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public String createInstance() {
            return "";
        }

        @Override
        public String copy(String from) {
            return from;
        }

        @Override
        public String copy(String from, String reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(String key, DataOutputView out) throws IOException {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            SideVersionFormat.writeVarLong(bytes.length, out);
            out.write(bytes);
        }

        @Override
        public String deserialize(DataInputView in) throws IOException {
            byte[] bytes = new byte[SideVersionFormat.readLength(in)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(String reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }

        @Override
        public TypeSerializerSnapshot<String> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Savepoint compatibility of the key layout above (version 1). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
