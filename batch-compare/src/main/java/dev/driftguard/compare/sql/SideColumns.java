package dev.driftguard.compare.sql;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.schema.ColumnInfo;
import dev.driftguard.compare.schema.MappedColumn;
import dev.driftguard.compare.schema.TableMapping;
import dev.driftguard.pg.PgIdentifiers;
import dev.driftguard.row.ColumnType;

/** A mapped table's columns as one side's SQL names them: the row alias {@code r}, canonical texts, base types. */
final class SideColumns {

    static final String COLLATE_C = " COLLATE \"C\"";

    private final TableMapping mapping;
    private final Side side;

    SideColumns(TableMapping mapping, Side side) {
        this.mapping = mapping;
        this.side = side;
    }

    TableMapping mapping() {
        return mapping;
    }

    Side side() {
        return side;
    }

    ColumnInfo on(MappedColumn column) {
        return column.on(side);
    }

    String ref(MappedColumn column) {
        return "r." + PgIdentifiers.quote(column.on(side).name());
    }

    /** The canonical text of {@code column} (NULL for NULL). */
    String canonical(MappedColumn column, String columnRef) {
        return column.typeOn(side).sqlExpression(columnRef);
    }

    String canonical(MappedColumn column) {
        return canonical(column, ref(column));
    }

    /** The column's type with domains unwrapped. */
    ColumnType baseType(MappedColumn column) {
        ColumnType type = column.on(side).type();
        while (type.isDomain()) {
            type = type.element();
        }
        return type;
    }

    /** The catalog name of the base type; empty for an enum. */
    String baseTypeName(MappedColumn column) {
        ColumnType type = baseType(column);
        return type.typtype() == 'e' ? "" : type.typeName();
    }
}
