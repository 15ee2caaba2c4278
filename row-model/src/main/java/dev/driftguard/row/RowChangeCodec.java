package dev.driftguard.row;

import dev.driftguard.avro.RowChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The Kafka wire format of {@link RowChange} records.
 *
 * <p>Value: Avro single-object encoding ({@code C3 01}, 8-byte little-endian CRC-64-AVRO fingerprint of the writer
 * schema, Avro binary); the fingerprint identifies the schema version. Key: UTF-8 of {@link TableId#quoted()}, one
 * {@code 00} byte, UTF-8 of {@link RowKey#encoded()} (PostgreSQL identifiers cannot contain NUL and the JSON key
 * escapes it, so the split is unambiguous; the same table and key always give the same bytes, which keeps per-key
 * order in a partition).
 */
public final class RowChangeCodec {

    /** A decoded Kafka key: the table and the key's encoded JSON (column names are in {@link RowChange#getKey()}). */
    public record KafkaKey(TableId table, String encodedKey) {}

    private RowChangeCodec() {}

    public static byte[] encodeValue(RowChange change) {
        try {
            ByteBuffer buffer = RowChange.getEncoder().encode(change);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot encode RowChange of " + change.getSchema$() + "." + change.getTable(), e);
        }
    }

    public static RowChange decodeValue(byte[] bytes) {
        if (bytes == null || bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new IllegalArgumentException(
                    "not a driftguard RowChange record (expected Avro single-object encoding,"
                            + " magic C3 01): first bytes " + firstBytes(bytes));
        }
        try {
            return RowChange.getDecoder().decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "not a decodable driftguard RowChange record (unknown schema"
                            + " fingerprint or corrupt data): first bytes " + firstBytes(bytes),
                    e);
        }
    }

    public static byte[] encodeKey(TableId table, RowKey key) {
        byte[] tablePart = table.quoted().getBytes(StandardCharsets.UTF_8);
        byte[] keyPart = key.encoded().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(tablePart.length + 1 + keyPart.length)
                .put(tablePart)
                .put((byte) 0)
                .put(keyPart)
                .array();
    }

    public static KafkaKey decodeKey(byte[] bytes) {
        int separator = -1;
        for (int i = 0; bytes != null && i < bytes.length; i++) {
            if (bytes[i] == 0) {
                separator = i;
                break;
            }
        }
        if (separator < 0) {
            throw new IllegalArgumentException(
                    "not a driftguard record key (\"schema\".\"table\" NUL key-json): first bytes "
                            + firstBytes(bytes));
        }
        TableId table = TableId.parse(new String(bytes, 0, separator, StandardCharsets.UTF_8));
        String encodedKey = new String(bytes, separator + 1, bytes.length - separator - 1, StandardCharsets.UTF_8);
        return new KafkaKey(table, encodedKey);
    }

    private static String firstBytes(byte[] bytes) {
        if (bytes == null) {
            return "(null)";
        }
        int n = Math.min(bytes.length, 16);
        return HexFormat.ofDelimiter(" ").formatHex(bytes, 0, n) + (bytes.length > n ? " ..." : "");
    }
}
