package dev.driftguard.row;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** bytea: lowercase hex of the content, without the {@code \x} prefix. */
final class ByteaType implements CanonicalType {

    static final ByteaType INSTANCE = new ByteaType();

    private ByteaType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.BYTES;
    }

    @Override
    public String canonical(Object javaValue) {
        if (javaValue instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (javaValue instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            return HexFormat.of().formatHex(bytes);
        }
        throw JavaValues.unsupported("bytea", javaValue, "byte[], ByteBuffer");
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return "encode(" + quotedColumnRef + ", 'hex')";
    }
}
