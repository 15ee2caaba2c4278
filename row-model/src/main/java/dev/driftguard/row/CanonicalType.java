package dev.driftguard.row;

/**
 * Canonicalization of one PostgreSQL type group: the Java side ({@link #canonical(Object)}) and the SQL side
 * ({@link #sqlExpression(String)}) produce exactly the same text for the same stored value. See CANONICAL.md.
 */
public interface CanonicalType {

    TypeFamily family();

    /**
     * Canonical text of a non-null value as pgjdbc's {@code getObject()} returns it or as Debezium emits it (see
     * CANONICAL.md for the accepted Java types per family). Never returns null.
     *
     * @throws IllegalArgumentException for a Java value this type cannot hold (message names the type and value class)
     */
    String canonical(Object javaValue);

    /**
     * SQL (PostgreSQL 13+) computing the canonical text of the column referenced by {@code quotedColumnRef} (e.g.
     * {@code "t"."c"}), NULL for SQL NULL. Requires the session settings of {@link CanonicalSql#SESSION_SETTINGS}.
     */
    String sqlExpression(String quotedColumnRef);

    /** Human-readable form of a canonical text for reports (e.g. the decimal value of a float's bit pattern). */
    default String display(String canonicalText) {
        return canonicalText;
    }

    /** Debezium {@code io.debezium.time.Date}: days since 1970-01-01. Only for DATE. */
    default String canonicalFromEpochDays(long epochDays) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " (" + family() + ") has no epoch-days form");
    }

    /**
     * Debezium {@code io.debezium.time.MicroTimestamp} (timestamp) or micros of an instant (timestamptz): microseconds
     * since 1970-01-01 00:00:00 (UTC for timestamptz). Only for TIMESTAMP.
     */
    default String canonicalFromEpochMicros(long epochMicros) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " (" + family() + ") has no epoch-micros form");
    }

    /** Debezium {@code io.debezium.time.MicroTime}: microseconds since midnight. Only for TIME. */
    default String canonicalFromMicrosOfDay(long microsOfDay) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " (" + family() + ") has no micros-of-day form");
    }
}
