package dev.driftguard.row;

import java.time.LocalDateTime;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * Reads the wall-clock fields of java.util.Date values (java.sql.Date/Timestamp/Time) the way pgjdbc wrote them: pgjdbc
 * sets the fields PostgreSQL printed (proleptic Gregorian) on a {@link GregorianCalendar}, so reading the fields back
 * from the same kind of calendar recovers them exactly, also before the 1582 Julian/Gregorian switch where {@code
 * toInstant()} would shift the date.
 */
final class LegacyCalendar {

    private LegacyCalendar() {}

    /** Wall-clock fields of {@code millis} in {@code zone}, with {@code nanos} as the fraction of second. */
    static LocalDateTime fields(long millis, int nanos, TimeZone zone) {
        GregorianCalendar calendar = new GregorianCalendar(zone);
        calendar.setTimeInMillis(millis);
        int year = PgTemporalText.prolepticYear(
                calendar.get(Calendar.ERA) == GregorianCalendar.BC, calendar.get(Calendar.YEAR));
        return LocalDateTime.of(
                year,
                calendar.get(Calendar.MONTH) + 1,
                calendar.get(Calendar.DAY_OF_MONTH),
                calendar.get(Calendar.HOUR_OF_DAY),
                calendar.get(Calendar.MINUTE),
                calendar.get(Calendar.SECOND),
                nanos);
    }
}
