package dev.driftguard.compare.sql;

import dev.driftguard.compare.schema.MappedColumn;
import dev.driftguard.pg.PgIdentifiers;
import dev.driftguard.row.ColumnType;
import dev.driftguard.row.TypeFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How one side orders and looks up its key: the key tuple in byte order, bind parameters comparable with it, and
 * whether an index serves key ranges.
 */
final class SideKeys {

    private static final Set<String> DIRECT_TEXT_TYPES = Set.of("text", "varchar", "bpchar", "name");

    private final SideColumns columns;

    SideKeys(SideColumns columns) {
        this.columns = columns;
    }

    /** Whether key comparisons use the column itself (so an index can serve them) rather than its text. */
    private boolean comparesDirectly(MappedColumn key) {
        return key.typeOn(columns.side()).family() != TypeFamily.TEXT
                || DIRECT_TEXT_TYPES.contains(columns.baseTypeName(key));
    }

    /**
     * The key column as it is ordered: text in byte order on both sides, since the two sides' collations may order
     * text differently (a column whose own collation is bytewise keeps it, so that its index still serves; any other
     * gets COLLATE "C"); enum, citext and "char" through their text, since their own order is type-specific.
     */
    private String keyOrderExpr(MappedColumn key) {
        String ref = columns.ref(key);
        if (key.typeOn(columns.side()).family() != TypeFamily.TEXT) {
            return ref;
        }
        if (!comparesDirectly(key)) {
            return "(" + ref + ")::text" + SideColumns.COLLATE_C;
        }
        return columns.on(key).bytewiseCollation() ? ref : ref + SideColumns.COLLATE_C;
    }

    /** A bind parameter holding a canonical key text, as a value comparable with {@link #keyOrderExpr}. */
    private String keyParam(MappedColumn key) {
        TypeFamily family = key.typeOn(columns.side()).family();
        return switch (family) {
            // int8 holds any integer key of either side; cross-type integer comparisons still use the index.
            case INTEGER -> "CAST(? AS int8)";
            case NUMERIC -> "CAST(? AS numeric)";
            case BYTES -> "decode(?, 'hex')";
            case TEXT -> {
                String base = columns.baseTypeName(key);
                yield comparesDirectly(key) && !base.equals("varchar")
                        ? "CAST(? AS " + PgIdentifiers.quote(base) + ")"
                        : "CAST(? AS text)";
            }
            default -> "CAST(? AS " + PgIdentifiers.quote(columns.baseTypeName(key)) + ")";
        };
    }

    /** See {@link SideSql#keyRangeUsesIndex()}. */
    boolean rangeUsesIndex() {
        List<String> names = new ArrayList<>();
        List<String> collations = new ArrayList<>();
        for (MappedColumn key : columns.mapping().key()) {
            if (!comparesDirectly(key)) {
                return false;
            }
            names.add(columns.on(key).name());
            if (key.typeOn(columns.side()).family() != TypeFamily.TEXT) {
                collations.add(null);
            } else {
                collations.add(
                        columns.on(key).bytewiseCollation() ? columns.on(key).collation() : "C");
            }
        }
        return columns.mapping().on(columns.side()).hasRangeIndex(names, collations);
    }

    /** The key columns as ordered, comma-separated, without parentheses. */
    String orderList() {
        return String.join(
                ", ", columns.mapping().key().stream().map(this::keyOrderExpr).toList());
    }

    /** {@code (<key>) <operator> (<bound>)}, the bound as parameters. */
    void appendBound(SqlQuery.Builder q, String operator, List<String> bound) {
        q.sql("(" + orderList() + ")").sql(" " + operator + " (");
        List<MappedColumn> key = columns.mapping().key();
        for (int i = 0; i < key.size(); i++) {
            q.sql(i == 0 ? "" : ", ").param(keyParam(key.get(i)), bound.get(i));
        }
        q.sql(")");
    }

    /** Equality lookups compare the column itself (index-friendly); enums take their label, citext its text. */
    String lookupParam(MappedColumn key) {
        String param = keyParam(key);
        return comparesDirectly(key) ? param : "CAST(" + param + " AS " + castableName(key) + ")";
    }

    private String castableName(MappedColumn key) {
        ColumnType type = columns.baseType(key);
        // Enums and extension types are named as SQL names the column's type (schema-qualified if needed; for a domain
        // over one, the domain); built-in types by their catalog name, quoted ("char" is not char).
        return type.typtype() == 'e' || type.typeName().equals("citext")
                ? columns.on(key).typeSql()
                : PgIdentifiers.quote(type.typeName());
    }
}
