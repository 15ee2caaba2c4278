package dev.driftguard.compare.sql;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.schema.TableMapping;

/** The SQL of both sides of one table. */
public record TableSides(TableMapping mapping, SideSql source, SideSql target) {

    public static TableSides of(TableMapping mapping) {
        return new TableSides(mapping, new SideSql(mapping, Side.SOURCE), new SideSql(mapping, Side.TARGET));
    }

    public SideSql on(Side side) {
        return side == Side.SOURCE ? source : target;
    }
}
