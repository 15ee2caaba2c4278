package dev.driftguard.row;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A row's primary key: key column names (canonical, in key order) and their canonical texts (never null, since
 * PostgreSQL key columns are NOT NULL). The empty key ({@link #EMPTY}) stands for a whole table (TRUNCATE).
 */
public record RowKey(List<String> columns, List<String> values) {

    private static final JsonFactory JSON = new JsonFactory();

    /** No columns: the key of table-wide events such as TRUNCATE. */
    public static final RowKey EMPTY = new RowKey(List.of(), List.of());

    public RowKey {
        Objects.requireNonNull(columns, "key columns");
        Objects.requireNonNull(values, "key values");
        if (columns.size() != values.size()) {
            throw new IllegalArgumentException(
                    "row key has " + columns.size() + " columns " + columns + " but " + values.size() + " values");
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i) == null || values.get(i) == null) {
                throw new IllegalArgumentException(
                        "row key " + columns + " has a null column name or value at position " + i
                                + "; key values are canonical texts and never null");
            }
        }
        columns = List.copyOf(columns);
        values = List.copyOf(values);
    }

    public static RowKey of(List<String> columns, List<String> values) {
        return new RowKey(columns, values);
    }

    /**
     * The values as a compact JSON array of strings, e.g. {@code ["42","a\"b"]}: collision-safe, printable, usable as
     * a Kafka record key suffix and a Flink key. Column names are not part of it (they are fixed per table).
     */
    public String encoded() {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartArray();
            for (String value : values) {
                generator.writeString(value);
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode row key " + values, e);
        }
        return out.toString();
    }

    /** Inverse of {@link #encoded()}; {@code columns} are the table's key columns in key order. */
    public static RowKey decode(List<String> columns, String encoded) {
        Objects.requireNonNull(encoded, "encoded row key");
        List<String> values = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(encoded)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw notAKey(encoded, null);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            }
            if (token != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw notAKey(encoded, null);
            }
        } catch (IOException e) {
            throw notAKey(encoded, e);
        }
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("encoded row key " + encoded + " has " + values.size()
                    + " values but the key columns are " + columns);
        }
        return new RowKey(columns, values);
    }

    private static IllegalArgumentException notAKey(String encoded, Exception cause) {
        return new IllegalArgumentException(
                "'" + encoded + "' is not an encoded row key (a JSON array of strings)", cause);
    }

    /** Column name to value, in key order: for rendering a key as JSON, HTML or text without an index loop. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            map.put(columns.get(i), values.get(i));
        }
        return Collections.unmodifiableMap(map);
    }

    /** {@code column=value} pairs in key order joined by {@code separator}, e.g. {@code id=42, region=eu}. */
    public String format(String separator) {
        return asMap().entrySet().stream()
                .map(part -> part.getKey() + "=" + part.getValue())
                .collect(Collectors.joining(separator));
    }

    @Override
    public String toString() {
        return "(" + format(", ") + ")";
    }
}
