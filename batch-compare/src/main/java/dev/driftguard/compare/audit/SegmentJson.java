package dev.driftguard.compare.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.compare.diff.Detected;
import dev.driftguard.row.RowKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON columns of batch_segments: key bounds as {@code [{"column": .., "value": ..}]} (the audit store's key
 * form) and a segment's differences with their keys and column hashes, written and read back on resume.
 */
final class SegmentJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SegmentJson() {}

    static String bound(List<String> keyColumns, List<String> bound) {
        return bound == null
                ? null
                : keyArray(JSON.createArrayNode(), RowKey.of(keyColumns, bound)).toString();
    }

    /** The values of a stored bound, in key order; null for an open end. */
    static List<String> boundValues(String json) throws IOException {
        return json == null ? null : key(JSON.readTree(json)).values();
    }

    static List<String> boundColumns(String json) throws IOException {
        return key(JSON.readTree(json)).columns();
    }

    static String differences(List<Detected> differences) {
        ArrayNode array = JSON.createArrayNode();
        for (Detected d : differences) {
            ObjectNode node = array.addObject();
            node.put("kind", d.kind().name());
            keyArray(node.putArray("key"), d.key());
            d.columns().forEach(node.putArray("columns")::add);
            hashes(node, "source", d.sourceHashes());
            hashes(node, "target", d.targetHashes());
        }
        return array.toString();
    }

    static List<Detected> differences(int segment, String json) throws IOException {
        List<Detected> differences = new ArrayList<>();
        if (json == null) {
            return differences;
        }
        for (JsonNode node : JSON.readTree(json)) {
            List<String> differing = new ArrayList<>();
            node.get("columns").forEach(c -> differing.add(c.asText()));
            differences.add(new Detected(
                    segment,
                    DifferenceKind.valueOf(node.get("kind").asText()),
                    key(node.get("key")),
                    differing,
                    hashes(node.get("source")),
                    hashes(node.get("target"))));
        }
        return differences;
    }

    private static ArrayNode keyArray(ArrayNode array, RowKey key) {
        key.asMap()
                .forEach((column, value) ->
                        array.addObject().put("column", column).put("value", value));
        return array;
    }

    private static RowKey key(JsonNode array) {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (JsonNode part : array) {
            columns.add(part.get("column").asText());
            values.add(part.get("value").asText());
        }
        return RowKey.of(columns, values);
    }

    private static void hashes(ObjectNode node, String field, Long[] hashes) {
        if (hashes == null) {
            node.putNull(field);
            return;
        }
        ArrayNode array = node.putArray(field);
        for (Long h : hashes) {
            if (h == null) {
                array.addNull();
            } else {
                array.add(h);
            }
        }
    }

    private static Long[] hashes(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Long[] hashes = new Long[node.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = node.get(i).isNull() ? null : node.get(i).asLong();
        }
        return hashes;
    }
}
