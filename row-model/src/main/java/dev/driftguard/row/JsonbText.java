package dev.driftguard.row;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reproduces PostgreSQL's jsonb text output ({@code jsonb_out}): object keys unique (last one wins) and ordered by
 * UTF-8 byte length, then bytes; {@code ", "} and {@code ": "} separators; numbers printed as {@code numeric} prints
 * them; strings escaped as {@code escape_json} does.
 */
final class JsonbText {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .build())
            .build();

    private JsonbText() {}

    /** The jsonb text of a JSON document. */
    static String normalize(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty JSON document");
            }
            StringBuilder out = new StringBuilder(json.length() + 16);
            write(parse(parser, first), out);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the JSON value");
            }
            return out.toString();
        }
    }

    /** A JSON string literal escaped as PostgreSQL's {@code escape_json} does (non-ASCII is not escaped). */
    static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static Object parse(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Object value = parse(parser, parser.nextToken());
                    // jsonb keeps the last of duplicate keys
                    object.remove(key);
                    object.put(key, value);
                }
                expect(next, JsonToken.END_OBJECT);
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new IOException("unterminated JSON array");
                    }
                    array.add(parse(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return new JsonString(parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new BigDecimal(parser.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof JsonString string) {
            quote(string.text(), out);
        } else if (value instanceof BigDecimal number) {
            out.append(NumericText.of(number));
        } else if (value instanceof Boolean bool) {
            out.append(bool);
        } else if (value instanceof List<?> array) {
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(array.get(i), out);
            }
            out.append(']');
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            List<Map.Entry<String, Object>> entries = new ArrayList<>(object.entrySet());
            entries.sort((a, b) -> compareKeys(a.getKey(), b.getKey()));
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                quote(entries.get(i).getKey(), out);
                out.append(": ");
                write(entries.get(i).getValue(), out);
            }
            out.append('}');
        }
    }

    /** jsonb key order: shorter UTF-8 byte length first, then unsigned byte comparison. */
    private static int compareKeys(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
    }

    private record JsonString(String text) {}
}
