package dev.driftguard.validator.detect;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink type information of the detector's key ({@link DetectorKey}): a String in exactly the bytes of Flink's own
 * String serializer ({@link StringValue}'s layout), assembled first and written in one call. Flink's serializer writes
 * a key a character at a time, which made the heap backend's checkpoints (every tracked key and its cleanup timer,
 * at every checkpoint) markedly slower. Same bytes and the same key groups ({@link String#hashCode()}), so state
 * written with Flink's String key type (by earlier builds of the job) restores with this one.
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
            int length = key.length();
            byte[] bytes = new byte[5 + 3 * length];
            int size = putVarInt(length + 1, bytes, 0);
            for (int i = 0; i < length; i++) {
                size = putVarInt(key.charAt(i), bytes, size);
            }
            out.write(bytes, 0, size);
        }

        /** StringValue's variable-length number: 7 bits a byte, low bits first, high bit set on all but the last. */
        private static int putVarInt(int value, byte[] bytes, int at) {
            while (value >= 0x80) {
                bytes[at++] = (byte) (value | 0x80);
                value >>>= 7;
            }
            bytes[at++] = (byte) value;
            return at;
        }

        @Override
        public String deserialize(DataInputView in) throws IOException {
            return StringValue.readString(in);
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

    /**
     * Savepoint compatibility of the key layout above (version 1): the same as state keyed by Flink's own String type.
     */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }

        @Override
        public TypeSerializerSchemaCompatibility<String> resolveSchemaCompatibility(
                TypeSerializerSnapshot<String> oldSnapshot) {
            return oldSnapshot instanceof StringSerializer.StringSerializerSnapshot
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : super.resolveSchemaCompatibility(oldSnapshot);
        }
    }
}
