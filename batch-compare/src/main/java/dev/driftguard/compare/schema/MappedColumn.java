package dev.driftguard.compare.schema;

import dev.driftguard.avro.Side;
import dev.driftguard.row.CanonicalType;
import java.util.Objects;

/** A canonical column present on both sides with compatible types. */
public record MappedColumn(
        String name, ColumnInfo source, ColumnInfo target, CanonicalType sourceType, CanonicalType targetType) {

    public MappedColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(targetType, "targetType");
    }

    public ColumnInfo on(Side side) {
        return side == Side.SOURCE ? source : target;
    }

    public CanonicalType typeOn(Side side) {
        return side == Side.SOURCE ? sourceType : targetType;
    }
}
