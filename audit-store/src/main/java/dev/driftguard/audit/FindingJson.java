package dev.driftguard.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftguard.avro.Position;
import dev.driftguard.pg.Lsn;
import dev.driftguard.row.RowKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jsonb shapes of the findings table (documented in V1__audit_store.sql):
 *
 * <ul>
 *   <li>key: {@code [{"column": "id", "value": "42"}, ...]} in key order (jsonb would reorder an object's keys);
 *   <li>values: {@code {"column": "canonical text" | null}};
 *   <li>position: {@code {"lsn": "16/B374D848", "txId": 123 | null, "commitTime": "2025-01-01T00:00:00Z"}}.
 * </ul>
 */
final class FindingJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FindingJson() {}

    static String key(RowKey key) {
        ArrayNode array = MAPPER.createArrayNode();
        key.asMap()
                .forEach((column, value) ->
                        array.addObject().put("column", column).put("value", value));
        return array.toString();
    }

    static RowKey key(String json) {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (JsonNode part : parse(json)) {
            columns.add(part.get("column").asText());
            values.add(part.get("value").asText());
        }
        return RowKey.of(columns, values);
    }

    static String values(Map<String, String> values) {
        if (values == null) {
            return null;
        }
        ObjectNode object = MAPPER.createObjectNode();
        values.forEach(object::put);
        return object.toString();
    }

    static Map<String, String> values(String json) {
        if (json == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : parse(json).properties()) {
            values.put(
                    field.getKey(),
                    field.getValue().isNull() ? null : field.getValue().asText());
        }
        return values;
    }

    static String position(Position position) {
        if (position == null) {
            return null;
        }
        ObjectNode object = MAPPER.createObjectNode();
        object.put("lsn", new Lsn(position.getLsn()).toString());
        if (position.getTxId() == null) {
            object.putNull("txId");
        } else {
            object.put("txId", position.getTxId());
        }
        object.put("commitTime", position.getCommitTimeMicros().toString());
        return object.toString();
    }

    static Position position(String json) {
        if (json == null) {
            return null;
        }
        JsonNode node = parse(json);
        JsonNode txId = node.get("txId");
        return Position.newBuilder()
                .setLsn(Lsn.parse(node.get("lsn").asText()).value())
                .setTxId(txId == null || txId.isNull() ? null : txId.asLong())
                .setCommitTimeMicros(Instant.parse(node.get("commitTime").asText()))
                .build();
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AuditStoreException("malformed JSON in the audit store: " + json, e);
        }
    }
}
