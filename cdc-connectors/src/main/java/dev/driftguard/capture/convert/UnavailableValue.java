package dev.driftguard.capture.convert;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Recognizes Debezium's placeholder for an unchanged TOASTed value ({@code unavailable.value.placeholder}) in every
 * representation the PostgreSQL connector gives it: the text itself (text, json, xml, ...), its bytes (bytea), a
 * one-element list of either (text and bytea arrays), the bytes as a list of numbers (int4, int8 and date arrays)
 * and a one-element list holding the name-based UUID of the bytes (uuid arrays).
 */
final class UnavailableValue {

    private final String text;
    private final byte[] bytes;
    private final String uuid;
    private final List<Integer> asInts;
    private final List<Long> asLongs;

    UnavailableValue(String placeholder) {
        this.text = placeholder;
        // Debezium takes the placeholder's bytes with the platform charset; UTF-8 is the only one we support
        this.bytes = placeholder.getBytes(StandardCharsets.UTF_8);
        this.uuid = UUID.nameUUIDFromBytes(bytes).toString();
        Integer[] ints = new Integer[bytes.length];
        Long[] longs = new Long[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ints[i] = (int) bytes[i];
            longs[i] = (long) bytes[i];
        }
        this.asInts = List.of(ints);
        this.asLongs = List.of(longs);
    }

    boolean matches(Object value) {
        if (value instanceof String s) {
            return s.equals(text);
        }
        if (value instanceof byte[] b) {
            return Arrays.equals(b, bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.remaining() == bytes.length && ByteBuffer.wrap(bytes).equals(buffer);
        }
        if (value instanceof List<?> list) {
            if (list.size() == 1) {
                Object only = list.get(0);
                return text.equals(only)
                        || uuid.equals(only)
                        || (only != null && !(only instanceof List) && matches(only));
            }
            return list.equals(asInts) || list.equals(asLongs);
        }
        return false;
    }
}
