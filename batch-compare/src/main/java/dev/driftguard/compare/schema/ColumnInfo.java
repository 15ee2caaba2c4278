package dev.driftguard.compare.schema;

import dev.driftguard.row.ColumnType;
import java.util.Objects;

/**
 * A column as one side's catalog describes it.
 *
 * @param typeSql the type as SQL can name it in a cast, without modifiers ({@code format_type(atttypid, NULL)}, e.g.
 *     {@code numeric}, {@code character varying}, {@code "My Type"}), so casting a key value never rounds it
 * @param collation the column's collation name, empty for types that have none
 * @param bytewiseCollation the collation orders text by bytes: "C", "POSIX", or "default" in a database whose
 *     default collation is libc's C or POSIX
 */
public record ColumnInfo(
        String name, ColumnType type, String typeSql, boolean notNull, String collation, boolean bytewiseCollation) {

    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(typeSql, "typeSql");
        Objects.requireNonNull(collation, "collation");
    }
}
