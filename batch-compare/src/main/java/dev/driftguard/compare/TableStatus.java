package dev.driftguard.compare;

import java.util.Locale;

/** Outcome of one table. */
public enum TableStatus {
    /** Compared, and every compared row and column is equal. */
    IDENTICAL,
    /** Differences in rows or schema (missing table or column, incompatible column types). */
    DIFFERENT,
    /** Not compared, with the reason (e.g. no primary key and no --key). */
    SKIPPED,
    /** The comparison failed or was incomplete (database error, column type that cannot be compared). */
    ERROR;

    /** The lower-case name used in reports. */
    public String reportName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
