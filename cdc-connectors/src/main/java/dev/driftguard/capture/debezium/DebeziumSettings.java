package dev.driftguard.capture.debezium;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.row.ColumnRef;
import dev.driftguard.row.TableId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Debezium PostgreSQL connector settings of one capture side: the single definition used by the embedded engine
 * and by the generated Kafka Connect connector config, so that both sides of a migration and both deployment modes
 * emit values in the same representations.
 */
public final class DebeziumSettings {

    public static final String CONNECTOR_CLASS = "io.debezium.connector.postgresql.PostgresConnector";

    /** Debezium's default placeholder for unchanged TOASTed values; set explicitly so that the converter knows it. */
    public static final String UNAVAILABLE_VALUE_PLACEHOLDER = "__debezium_unavailable_value";

    /** Prefix of the logical decoding messages the heartbeat writes. */
    public static final String HEARTBEAT_MESSAGE_PREFIX = "driftguard.heartbeat";

    /** pgjdbc property names (as ConnectionSpec keeps them) that Debezium takes as database.* settings. */
    private static final List<String> SSL_PROPERTIES = List.of("sslmode", "sslrootcert", "sslcert", "sslkey");

    private DebeziumSettings() {}

    /**
     * The connector properties. One piece on purpose: the whole configuration, in one place and in the order an operator
     * reads a deployed connector's config, so that no setting that decides correctness hides in a helper.
     *
     * @param tables the tables in the publication (prepare's result): the snapshot reads exactly these
     * @param password the {@code database.password} value (the password itself for the embedded engine, a Connect
     *     config-provider reference for a generated config), or null to leave it out
     */
    public static Map<String, String> connectorProperties(
            CaptureSettings settings, List<TableId> tables, String password) {
        CaptureNames names = settings.names();
        ConnectionSpec db = settings.database();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("connector.class", CONNECTOR_CLASS);
        p.put("tasks.max", "1");
        p.put("database.hostname", db.host());
        p.put("database.port", Integer.toString(db.port()));
        p.put("database.user", db.user());
        if (password != null) {
            p.put("database.password", password);
        }
        p.put("database.dbname", db.database());
        for (Map.Entry<String, String> property : db.properties().entrySet()) {
            if (SSL_PROPERTIES.contains(property.getKey())) {
                p.put("database." + property.getKey(), property.getValue());
            } else if (!property.getKey().equals("sslpassword")) {
                p.put("driver." + property.getKey(), property.getValue());
            }
        }
        p.put("topic.prefix", names.debeziumTopicPrefix());
        p.put("plugin.name", "pgoutput");
        p.put("slot.name", names.slotName());
        p.put("publication.name", names.publicationName());
        // prepare creates the filtered publication; Debezium must neither create nor alter it
        p.put("publication.autocreate.mode", "disabled");
        p.put("slot.drop.on.stop", "false");
        p.put(
                "table.include.list",
                tables.stream().map(DebeziumSettings::tableRegex).collect(Collectors.joining(",")));
        if (!settings.excludedColumns().isEmpty()) {
            p.put(
                    "column.exclude.list",
                    settings.excludedColumns().stream()
                            .map(DebeziumSettings::columnRegex)
                            .collect(Collectors.joining(",")));
        }
        p.put("snapshot.mode", settings.snapshotMode().debeziumValue());
        // value representations: identical on both sides, and what the converter's adapter expects
        p.put("decimal.handling.mode", "precise");
        p.put("time.precision.mode", "adaptive_time_microseconds");
        p.put("binary.handling.mode", "bytes");
        p.put("interval.handling.mode", "string");
        p.put("hstore.handling.mode", "json");
        p.put("include.unknown.datatypes", "false");
        // the source column type of every field (schema parameter __debezium.source.column.type)
        p.put("column.propagate.source.type", ".*");
        p.put("unavailable.value.placeholder", UNAVAILABLE_VALUE_PLACEHOLDER);
        p.put("tombstones.on.delete", "false");
        // Debezium skips TRUNCATE by default
        p.put("skipped.operations", "none");
        p.put("provide.transaction.metadata", "false");
        // heartbeats: an idle database's slot still advances (a logical message needs no table)
        p.put(
                "heartbeat.interval.ms",
                Long.toString(settings.heartbeatInterval().toMillis()));
        p.put(
                "heartbeat.action.query",
                "SELECT pg_logical_emit_message(false, '" + HEARTBEAT_MESSAGE_PREFIX + "', now()::text)");
        p.put("message.prefix.exclude.list", HEARTBEAT_MESSAGE_PREFIX.replace(".", "\\."));
        // Debezium's defaults. With 4096/16384 every queued and in-flight record is live data that each young GC
        // copies (capture benchmark: 45% less GC time at these values); 1024/4096 puts the per-batch Kafka
        // acknowledgement on the critical path.
        p.put("max.batch.size", "2048");
        p.put("max.queue.size", "8192");
        return p;
    }

    /** An exact-match regex for Debezium's comma-separated include lists. */
    static String tableRegex(TableId table) {
        return regexLiteral(table.schema()) + "\\." + regexLiteral(table.name());
    }

    static String columnRegex(ColumnRef column) {
        return tableRegex(column.table()) + "\\." + regexLiteral(column.column());
    }

    private static String regexLiteral(String identifier) {
        if (identifier.indexOf(',') >= 0) {
            throw new IllegalArgumentException("identifier \"" + identifier
                    + "\" contains a comma, which Debezium's include and exclude lists cannot express; rename it");
        }
        StringBuilder out = new StringBuilder();
        for (char c : identifier.toCharArray()) {
            if ("\\.[]{}()<>*+-=!?^$|".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
