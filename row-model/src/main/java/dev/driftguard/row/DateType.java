package dev.driftguard.row;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.TimeZone;
import org.postgresql.PGStatement;

/** date: ISO {@code YYYY-MM-DD}, {@code YYYY-MM-DD BC} before 1 AD, {@code infinity}/{@code -infinity}. */
final class DateType implements CanonicalType {

    static final DateType INSTANCE = new DateType();

    /** Debezium's io.debezium.time.Date values for +/-infinity (PostgresValueConverter's infinity LocalDates). */
    private static final long DEBEZIUM_POSITIVE_INFINITY_DAYS =
            LocalDate.parse("-5877611-06-21").toEpochDay();

    private static final long DEBEZIUM_NEGATIVE_INFINITY_DAYS =
            LocalDate.parse("-5877611-06-22").toEpochDay();

    private DateType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.DATE;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        if (value instanceof java.sql.Date date) {
            if (date.getTime() == PGStatement.DATE_POSITIVE_INFINITY) {
                return PgTemporalText.INFINITY;
            }
            if (date.getTime() == PGStatement.DATE_NEGATIVE_INFINITY) {
                return PgTemporalText.NEGATIVE_INFINITY;
            }
            // pgjdbc builds java.sql.Date in the JVM's default time zone
            return PgTemporalText.date(LegacyCalendar.fields(date.getTime(), 0, TimeZone.getDefault())
                    .toLocalDate());
        }
        if (value instanceof LocalDate date) {
            if (date.equals(LocalDate.MAX)) {
                return PgTemporalText.INFINITY;
            }
            if (date.equals(LocalDate.MIN)) {
                return PgTemporalText.NEGATIVE_INFINITY;
            }
            return PgTemporalText.date(date);
        }
        if (value instanceof String text) {
            if (text.equals(PgTemporalText.INFINITY) || text.equals(PgTemporalText.NEGATIVE_INFINITY)) {
                return text;
            }
            LocalDateTime parsed = PgTemporalText.parseLocal(text);
            if (parsed == null || !parsed.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
                throw JavaValues.invalid("date", value, "expected YYYY-MM-DD[ BC] or infinity", null);
            }
            return PgTemporalText.date(parsed.toLocalDate());
        }
        if (value instanceof Integer || value instanceof Long) {
            throw JavaValues.invalid(
                    "date",
                    value,
                    "a bare number is ambiguous; use canonicalFromEpochDays for Debezium io.debezium.time.Date",
                    null);
        }
        throw JavaValues.unsupported(
                "date", value, "java.sql.Date, LocalDate, String; epoch days via canonicalFromEpochDays");
    }

    @Override
    public String canonicalFromEpochDays(long epochDays) {
        if (epochDays == DEBEZIUM_POSITIVE_INFINITY_DAYS) {
            return PgTemporalText.INFINITY;
        }
        if (epochDays == DEBEZIUM_NEGATIVE_INFINITY_DAYS) {
            return PgTemporalText.NEGATIVE_INFINITY;
        }
        return PgTemporalText.date(LocalDate.ofEpochDay(epochDays));
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return "(" + quotedColumnRef + ")::text";
    }
}
