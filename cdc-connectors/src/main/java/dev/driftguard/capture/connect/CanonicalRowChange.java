package dev.driftguard.capture.connect;

import dev.driftguard.avro.Op;
import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.convert.CapturedChange;
import dev.driftguard.capture.convert.ChangeEventConverter;
import dev.driftguard.capture.debezium.DebeziumSettings;
import dev.driftguard.row.RowChangeCodec;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Kafka Connect single message transform: a Debezium PostgreSQL change event in, a canonical RowChange out, on topic
 * {@code driftguard.<migration>.<side>} with key and value as bytes (row-model's {@code RowChangeCodec});
 * use it with {@code ByteArrayConverter} for keys and values. Heartbeats and other non-row records are dropped (Kafka
 * Connect still commits their offsets). The embedded capture runs this same class as an engine transform. Thread-safe.
 *
 * <p>Config: {@code driftguard.migration}, {@code driftguard.side} (source|target), {@code driftguard.hash.only}
 * (privacy mode: column hashes, no values), {@code driftguard.unavailable.value.placeholder} (must equal the
 * connector's {@code unavailable.value.placeholder}), {@code driftguard.domain.types} (domain:base pairs).
 */
public final class CanonicalRowChange<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String MIGRATION = "driftguard.migration";
    public static final String SIDE = "driftguard.side";
    public static final String HASH_ONLY = "driftguard.hash.only";
    public static final String PLACEHOLDER = "driftguard.unavailable.value.placeholder";
    public static final String DOMAIN_TYPES = "driftguard.domain.types";
    public static final String KEEP_OTHER_RECORDS = "driftguard.keep.other.records";

    /** Record header naming the RowChange op (INSERT, ..., TRUNCATE), for consumers that route without decoding. */
    public static final String OP_HEADER = "driftguard.op";

    static final ConfigDef CONFIG = new ConfigDef()
            .define(
                    MIGRATION,
                    ConfigDef.Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.Importance.HIGH,
                    "The migration id (topic driftguard.<migration>.<side>).")
            .define(
                    SIDE,
                    ConfigDef.Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.Importance.HIGH,
                    "source or target.")
            .define(
                    HASH_ONLY,
                    ConfigDef.Type.BOOLEAN,
                    false,
                    ConfigDef.Importance.MEDIUM,
                    "Privacy mode: carry per-column hashes only, never values.")
            .define(
                    PLACEHOLDER,
                    ConfigDef.Type.STRING,
                    DebeziumSettings.UNAVAILABLE_VALUE_PLACEHOLDER,
                    ConfigDef.Importance.LOW,
                    "The connector's unavailable.value.placeholder.")
            .define(
                    DOMAIN_TYPES,
                    ConfigDef.Type.LIST,
                    "",
                    ConfigDef.Importance.MEDIUM,
                    "Base types of domain types, as domain:base pairs (capture connect-config reads them from the"
                            + " catalog).")
            .define(
                    KEEP_OTHER_RECORDS,
                    ConfigDef.Type.BOOLEAN,
                    false,
                    ConfigDef.Importance.LOW,
                    "Pass heartbeats and other non-row records through unchanged instead of dropping them (the"
                            + " embedded engine does not commit the offsets of dropped records).");

    private ChangeEventConverter converter;
    private boolean keepOtherRecords;

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG, configs);
        CaptureNames names;
        try {
            names = new CaptureNames(config.getString(MIGRATION), CaptureNames.parseSide(config.getString(SIDE)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        converter = new ChangeEventConverter(
                names,
                config.getBoolean(HASH_ONLY),
                config.getString(PLACEHOLDER),
                parseDomainTypes(config.getList(DOMAIN_TYPES)),
                Clock.systemUTC());
        keepOtherRecords = config.getBoolean(KEEP_OTHER_RECORDS);
    }

    /**
     * This transform's settings (without the {@code transforms.<name>.} prefix) for one capture side: the single
     * source of the transform config of the embedded engine and of the generated Connect config.
     */
    public static Map<String, String> settings(
            CaptureNames names, boolean hashOnly, Map<String, String> domainTypes, boolean keepOtherRecords) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("type", CanonicalRowChange.class.getName());
        settings.put(MIGRATION, names.migration());
        settings.put(SIDE, names.sideName());
        settings.put(HASH_ONLY, Boolean.toString(hashOnly));
        settings.put(PLACEHOLDER, DebeziumSettings.UNAVAILABLE_VALUE_PLACEHOLDER);
        settings.put(DOMAIN_TYPES, formatDomainTypes(domainTypes));
        if (keepOtherRecords) {
            settings.put(KEEP_OTHER_RECORDS, "true");
        }
        return settings;
    }

    /** {@code domain:base} pairs as the {@value #DOMAIN_TYPES} setting holds them. */
    public static String formatDomainTypes(Map<String, String> domainTypes) {
        return domainTypes.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .sorted()
                .collect(java.util.stream.Collectors.joining(","));
    }

    static Map<String, String> parseDomainTypes(List<String> pairs) {
        Map<String, String> out = new HashMap<>();
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new ConfigException(DOMAIN_TYPES, pair, "expected domain:base, e.g. posint:int4");
            }
            out.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return out;
    }

    @Override
    public R apply(R record) {
        CapturedChange change = converter.convert(record);
        if (change == null) {
            return keepOtherRecords ? record : null;
        }
        Headers headers = new ConnectHeaders();
        headers.addString(OP_HEADER, change.op().name());
        return record.newRecord(
                converter.names().topic(),
                null,
                Schema.BYTES_SCHEMA,
                change.kafkaKey(),
                Schema.BYTES_SCHEMA,
                RowChangeCodec.encodeValue(change.change()),
                record.timestamp(),
                headers);
    }

    /** Whether a transformed record is a RowChange (and not a heartbeat passed through). */
    public static boolean isRowChange(ConnectRecord<?> transformed) {
        return transformed.value() instanceof byte[] && transformed.headers().lastWithName(OP_HEADER) != null;
    }

    /** Whether a transformed record is a TRUNCATE (it then belongs in every partition of the topic). */
    public static boolean isTruncate(ConnectRecord<?> transformed) {
        var header = transformed.headers().lastWithName(OP_HEADER);
        return header != null && Op.TRUNCATE.name().equals(header.value());
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public void close() {}
}
