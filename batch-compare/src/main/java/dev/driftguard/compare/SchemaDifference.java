package dev.driftguard.compare;

import java.util.Objects;

/**
 * A column that could not be compared as it is.
 *
 * @param column canonical column name
 * @param sourceType the source column's type, null if the source lacks the column
 * @param targetType the target column's type, null if the target lacks the column
 */
public record SchemaDifference(Kind kind, String column, String sourceType, String targetType, String detail) {

    /** What is wrong with the column. */
    public enum Kind {
        MISSING_ON_TARGET,
        MISSING_ON_SOURCE,
        INCOMPATIBLE_TYPES,
        UNSUPPORTED_TYPE
    }

    public SchemaDifference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(detail, "detail");
    }
}
