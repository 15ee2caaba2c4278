package dev.driftguard.row;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A 128-bit row hash: the first 16 bytes of SHA-256 over a row's UTF-8 encoded text, as two big-endian longs. */
public record RowHash(long high, long low) {

    public static final int BYTES = 16;

    /** SHA-256 of the UTF-8 bytes of {@code text}, first 128 bits. */
    public static RowHash of(String text) {
        return fromBytes(sha256(text), 0);
    }

    /** The first 16 bytes of {@code bytes} as a hash (big-endian). */
    public static RowHash fromBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a row hash has " + BYTES + " bytes, got " + bytes.length);
        }
        return fromBytes(bytes, 0);
    }

    private static RowHash fromBytes(byte[] bytes, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, BYTES);
        return new RowHash(buffer.getLong(), buffer.getLong());
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).putLong(high).putLong(low).array();
    }

    /** Parses the 32 hex digits of {@link #toString()}. */
    public static RowHash parse(String hex) {
        if (hex == null || hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("a row hash is 32 hex digits, got '" + hex + "'");
        }
        try {
            return fromBytes(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a row hash is 32 hex digits, got '" + hex + "'", e);
        }
    }

    /** The first 64 bits of SHA-256 over the UTF-8 bytes of {@code text} (a column value's hash). */
    public static long hash64(String text) {
        return ByteBuffer.wrap(sha256(text), 0, Long.BYTES).getLong();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM provides no SHA-256 MessageDigest", e);
        }
    }

    /** 32 lowercase hex digits, high half first. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
