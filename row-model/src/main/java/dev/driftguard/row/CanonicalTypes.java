package dev.driftguard.row;

import java.util.Map;

/** Resolves a catalog column type to its {@link CanonicalType}. */
public final class CanonicalTypes {

    private static final Map<String, CanonicalType> BASE_TYPES = Map.ofEntries(
            Map.entry("int2", IntegerType.INSTANCE),
            Map.entry("int4", IntegerType.INSTANCE),
            Map.entry("int8", IntegerType.INSTANCE),
            Map.entry("numeric", NumericType.INSTANCE),
            Map.entry("float4", FloatType.FLOAT4),
            Map.entry("float8", FloatType.FLOAT8),
            Map.entry("text", TextType.TEXT),
            Map.entry("varchar", TextType.TEXT),
            Map.entry("name", TextType.TEXT),
            Map.entry("char", TextType.TEXT),
            Map.entry("citext", TextType.TEXT),
            Map.entry("bpchar", TextType.BPCHAR),
            Map.entry("bool", BooleanType.INSTANCE),
            Map.entry("uuid", UuidType.INSTANCE),
            Map.entry("bytea", ByteaType.INSTANCE),
            Map.entry("date", DateType.INSTANCE),
            Map.entry("time", TimeType.INSTANCE),
            Map.entry("timestamp", TimestampType.TIMESTAMP),
            Map.entry("timestamptz", TimestampType.TIMESTAMPTZ),
            Map.entry("interval", IntervalType.INSTANCE),
            Map.entry("json", JsonType.INSTANCE),
            Map.entry("jsonb", JsonType.INSTANCE),
            Map.entry("inet", InetType.INSTANCE),
            Map.entry("cidr", InetType.INSTANCE));

    private CanonicalTypes() {}

    /**
     * The canonical type of {@code table}.{@code column} of catalog type {@code type}. Domains (typtype 'd') resolve
     * to their base type, carried in {@link ColumnType#element()}; enums (typtype 'e') are text; arrays resolve to
     * arrays of their element's canonical type. A built-in array type name without element ({@code _int4}, as a
     * domain's base type may be given) is understood too.
     *
     * @throws UnsupportedColumnTypeException for types driftguard cannot compare (the message names the fix)
     */
    public static CanonicalType resolve(TableId table, String column, ColumnType type) {
        CanonicalType resolved = resolveOrNull(type);
        if (resolved == null) {
            throw new UnsupportedColumnTypeException(table, column, type.typeName());
        }
        return resolved;
    }

    private static CanonicalType resolveOrNull(ColumnType type) {
        if (type.isDomain()) {
            return resolveOrNull(type.element());
        }
        if (type.isEnum()) {
            return TextType.TEXT;
        }
        if (type.isArray()) {
            CanonicalType element = resolveOrNull(type.element());
            return element == null || element instanceof ArrayType ? null : new ArrayType(element);
        }
        CanonicalType base = type.typtype() == 'b' ? BASE_TYPES.get(type.typeName()) : null;
        if (base == null && type.typtype() == 'b' && type.typeName().startsWith("_")) {
            CanonicalType element = BASE_TYPES.get(type.typeName().substring(1));
            return element == null ? null : new ArrayType(element);
        }
        return base;
    }

    /**
     * Whether a source column of canonical type {@code source} can be compared with a target column of type {@code
     * target}: same family, and for arrays element types that are compatible.
     */
    public static boolean compatible(CanonicalType source, CanonicalType target) {
        if (source.family() != target.family()) {
            return false;
        }
        if (source instanceof ArrayType s && target instanceof ArrayType t) {
            return compatible(s.element(), t.element());
        }
        return true;
    }
}
