package dev.driftguard.capture.convert;

import dev.driftguard.row.ColumnType;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * The catalog type of a column as Debezium describes it in the field schema: the parameter
 * {@code __debezium.source.column.type} (set by {@code column.propagate.source.type}; PostgreSQL's typname upper-cased,
 * {@code _INT4} for arrays), and the schema name {@code io.debezium.data.Enum} for enums. A domain column carries the
 * domain's name, so the base types of domains come from the catalog (prepare reads them).
 */
final class DebeziumColumnTypes {

    static final String TYPE_PARAMETER = "__debezium.source.column.type";
    static final String ENUM_SCHEMA = "io.debezium.data.Enum";
    static final String ENUM_SET_SCHEMA = "io.debezium.data.EnumSet";

    private DebeziumColumnTypes() {}

    /**
     * @throws IllegalArgumentException if the schema lacks the type parameter (the connector was configured without
     *     {@code column.propagate.source.type=.*})
     */
    static ColumnType of(String table, String column, Schema fieldSchema, Map<String, String> domainTypes) {
        String typeName = fieldSchema.parameters() == null
                ? null
                : fieldSchema.parameters().get(TYPE_PARAMETER);
        if (typeName == null) {
            throw new IllegalArgumentException("column \"" + column + "\" of " + table + " has no " + TYPE_PARAMETER
                    + " schema parameter: configure the Debezium connector with column.propagate.source.type=.*"
                    + " (capture connect-config generates it)");
        }
        String typname = typeName.toLowerCase(Locale.ROOT);
        if (fieldSchema.type() == Schema.Type.ARRAY && typname.startsWith("_")) {
            Schema element = fieldSchema.valueSchema();
            boolean enumElement = element != null && ENUM_SCHEMA.equals(element.name());
            return ColumnType.arrayOf(new ColumnType(typname.substring(1), enumElement ? 'e' : 'b', null));
        }
        if (ENUM_SCHEMA.equals(fieldSchema.name())) {
            return new ColumnType(typname, 'e', null);
        }
        String domainBase = domainTypes.get(typname);
        if (domainBase != null) {
            return new ColumnType(typname, 'd', ColumnType.base(domainBase));
        }
        return ColumnType.base(typname);
    }
}
