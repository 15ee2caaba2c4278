package dev.driftguard.row;

/**
 * Compatibility classes of column types: a source column and a target column can be compared when their families are
 * equal (for arrays: when their element families are equal too).
 */
public enum TypeFamily {
    INTEGER,
    NUMERIC,
    FLOAT,
    TEXT,
    BOOLEAN,
    DATE,
    TIME,
    TIMESTAMP,
    INTERVAL,
    UUID,
    BYTES,
    JSON,
    INET,
    ARRAY
}
