package dev.driftguard.row;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.TimeZone;
import org.postgresql.PGStatement;

/**
 * timestamp and timestamptz share one form: the UTC wall-clock time (timestamptz) or the wall-clock time as stored
 * (timestamp) printed as PostgreSQL does with DateStyle ISO: {@code YYYY-MM-DD HH:MM:SS[.ffffff][ BC]}, {@code
 * infinity}, {@code -infinity}.
 */
final class TimestampType implements CanonicalType {

    static final TimestampType TIMESTAMP = new TimestampType(false);
    static final TimestampType TIMESTAMPTZ = new TimestampType(true);

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final boolean withTimeZone;

    private TimestampType(boolean withTimeZone) {
        this.withTimeZone = withTimeZone;
    }

    @Override
    public TypeFamily family() {
        return TypeFamily.TIMESTAMP;
    }

    private String pgType() {
        return withTimeZone ? "timestamptz" : "timestamp";
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        if (value instanceof Timestamp timestamp) {
            return ofTimestamp(timestamp);
        }
        if (value instanceof String text) {
            return ofText(text);
        }
        if (withTimeZone) {
            if (value instanceof OffsetDateTime dateTime) {
                if (dateTime.equals(OffsetDateTime.MAX)) {
                    return PgTemporalText.INFINITY;
                }
                if (dateTime.equals(OffsetDateTime.MIN)) {
                    return PgTemporalText.NEGATIVE_INFINITY;
                }
                return ofUtc(dateTime.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            }
            if (value instanceof ZonedDateTime dateTime) {
                return ofUtc(dateTime.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
            }
            if (value instanceof Instant instant) {
                return ofUtc(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            }
        } else if (value instanceof LocalDateTime dateTime) {
            if (dateTime.equals(LocalDateTime.MAX)) {
                return PgTemporalText.INFINITY;
            }
            if (dateTime.equals(LocalDateTime.MIN)) {
                return PgTemporalText.NEGATIVE_INFINITY;
            }
            return ofUtc(dateTime);
        }
        if (value instanceof Long || value instanceof Integer) {
            throw JavaValues.invalid(
                    pgType(),
                    value,
                    "a bare number is ambiguous; use canonicalFromEpochMicros for Debezium MicroTimestamp",
                    null);
        }
        throw JavaValues.unsupported(
                pgType(),
                value,
                withTimeZone
                        ? "java.sql.Timestamp, OffsetDateTime, ZonedDateTime, Instant, String (ISO-8601 with offset, infinity)"
                        : "java.sql.Timestamp, LocalDateTime, String (ISO, infinity); epoch micros via canonicalFromEpochMicros");
    }

    private String ofTimestamp(Timestamp timestamp) {
        if (timestamp.getTime() == PGStatement.DATE_POSITIVE_INFINITY) {
            return PgTemporalText.INFINITY;
        }
        if (timestamp.getTime() == PGStatement.DATE_NEGATIVE_INFINITY) {
            return PgTemporalText.NEGATIVE_INFINITY;
        }
        // pgjdbc builds a timestamptz's Timestamp from the instant and a timestamp's from its fields in the JVM zone
        TimeZone zone = withTimeZone ? UTC : TimeZone.getDefault();
        long wholeSecondMillis = Math.floorDiv(timestamp.getTime(), 1000L) * 1000L;
        return ofUtc(LegacyCalendar.fields(wholeSecondMillis, timestamp.getNanos(), zone));
    }

    private String ofText(String text) {
        if (text.equals(PgTemporalText.INFINITY) || text.equals(PgTemporalText.NEGATIVE_INFINITY)) {
            return text;
        }
        if (withTimeZone) {
            LocalDateTime utc = PgTemporalText.parseOffsetToUtc(text);
            if (utc != null) {
                return ofUtc(utc);
            }
            try {
                return ofUtc(OffsetDateTime.parse(text)
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDateTime());
            } catch (DateTimeParseException e) {
                throw JavaValues.invalid(
                        pgType(),
                        text,
                        "expected ISO-8601 with offset (2024-01-02T03:04:05.123456Z) or PostgreSQL text",
                        e);
            }
        }
        LocalDateTime parsed = PgTemporalText.parseLocal(text);
        if (parsed == null) {
            throw JavaValues.invalid(pgType(), text, "expected YYYY-MM-DD HH:MM:SS[.ffffff][ BC] or ISO-8601", null);
        }
        return ofUtc(parsed);
    }

    private static String ofUtc(LocalDateTime dateTime) {
        return PgTemporalText.timestamp(dateTime);
    }

    @Override
    public String canonicalFromEpochMicros(long epochMicros) {
        // Debezium turns infinity into these sentinel micros (PGStatement's infinity millis reused as micros)
        if (epochMicros == PGStatement.DATE_POSITIVE_INFINITY) {
            return PgTemporalText.INFINITY;
        }
        if (epochMicros == PGStatement.DATE_NEGATIVE_INFINITY) {
            return PgTemporalText.NEGATIVE_INFINITY;
        }
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        return ofUtc(LocalDateTime.ofEpochSecond(seconds, micros * 1000, ZoneOffset.UTC));
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return withTimeZone
                ? "((" + quotedColumnRef + ") AT TIME ZONE 'UTC')::text"
                : "(" + quotedColumnRef + ")::text";
    }
}
