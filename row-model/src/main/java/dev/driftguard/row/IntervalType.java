package dev.driftguard.row;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PGInterval;

/**
 * interval: the three stored fields exactly, {@code <months>|<days>|<microseconds>} (e.g. {@code 14|3|14706780000}).
 * PostgreSQL keeps them apart, so '1 day' ({@code 0|1|0}) and '24 hours' ({@code 0|0|86400000000}) differ.
 */
final class IntervalType implements CanonicalType {

    static final IntervalType INSTANCE = new IntervalType();

    private static final Pattern ISO_8601 =
            Pattern.compile("([-+])?P(?:([-+]?\\d+)Y)?(?:([-+]?\\d+)M)?(?:([-+]?\\d+)W)?"
                    + "(?:([-+]?\\d+)D)?(?:T(?:([-+]?\\d+)H)?(?:([-+]?\\d+)M)?(?:([-+]?\\d+(?:[.,]\\d+)?)S)?)?");

    private IntervalType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.INTERVAL;
    }

    @Override
    public String canonical(Object javaValue) {
        if (javaValue instanceof PGInterval interval) {
            return ofPgInterval(interval);
        }
        Object value = JavaValues.unwrap(javaValue);
        if (value instanceof String text) {
            Matcher iso = ISO_8601.matcher(text);
            if (text.length() > 1 && iso.matches()) {
                return ofIso(text, iso);
            }
            try {
                // PostgreSQL's own output (IntervalStyle postgres / postgres_verbose), e.g. in array elements
                return ofPgInterval(new PGInterval(text));
            } catch (SQLException | RuntimeException e) {
                throw JavaValues.invalid(
                        "interval", text, "expected ISO-8601 (P1Y2M3DT4H5M6.78S) or PostgreSQL text", e);
            }
        }
        throw JavaValues.unsupported(
                "interval", value, "PGInterval, String (ISO-8601 as Debezium emits, PostgreSQL text)");
    }

    private static String ofPgInterval(PGInterval interval) {
        long months = (long) interval.getYears() * 12 + interval.getMonths();
        long micros = (((long) interval.getHours() * 60 + interval.getMinutes()) * 60 + interval.getWholeSeconds())
                        * 1_000_000L
                + interval.getMicroSeconds();
        return of(months, interval.getDays(), micros);
    }

    private static String ofIso(String text, Matcher m) {
        long sign = "-".equals(m.group(1)) ? -1 : 1;
        long months = sign * (number(m.group(2)) * 12 + number(m.group(3)));
        long days = sign * (number(m.group(4)) * 7 + number(m.group(5)));
        BigDecimal seconds =
                m.group(8) == null ? BigDecimal.ZERO : new BigDecimal(m.group(8).replace(',', '.'));
        // Debezium renders seconds from a double: round to the microseconds PostgreSQL stores
        long micros = (number(m.group(6)) * 3600 + number(m.group(7)) * 60) * 1_000_000L
                + seconds.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        if (months > Integer.MAX_VALUE
                || months < Integer.MIN_VALUE
                || days > Integer.MAX_VALUE
                || days < Integer.MIN_VALUE) {
            throw JavaValues.invalid("interval", text, "months or days out of PostgreSQL's int32 range", null);
        }
        return of(months, days, sign * micros);
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    static String of(long months, long days, long micros) {
        return months + "|" + days + "|" + micros;
    }

    @Override
    public String sqlExpression(String c) {
        // extract() truncates each field toward zero, so the pieces add up to the stored microseconds exactly
        return "((extract(year from " + c + ")::bigint * 12 + extract(month from " + c + ")::bigint)::text || '|' || "
                + "extract(day from " + c + ")::bigint::text || '|' || "
                + "(extract(hour from " + c + ")::bigint * 3600000000 + extract(minute from " + c
                + ")::bigint * 60000000 + extract(microseconds from " + c + ")::bigint)::text)";
    }

    @Override
    public String display(String canonicalText) {
        String[] parts = canonicalText.split("\\|");
        if (parts.length != 3) {
            return canonicalText;
        }
        long months = Long.parseLong(parts[0]);
        long days = Long.parseLong(parts[1]);
        long micros = Long.parseLong(parts[2]);
        StringBuilder out = new StringBuilder();
        if (months / 12 != 0) {
            out.append(months / 12).append(Math.abs(months / 12) == 1 ? " year " : " years ");
        }
        if (months % 12 != 0) {
            out.append(months % 12).append(Math.abs(months % 12) == 1 ? " mon " : " mons ");
        }
        if (days != 0) {
            out.append(days).append(Math.abs(days) == 1 ? " day " : " days ");
        }
        if (micros != 0 || out.length() == 0) {
            long abs = Math.abs(micros);
            long seconds = abs / 1_000_000L;
            out.append(micros < 0 ? "-" : "")
                    .append(String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
            if (abs % 1_000_000L != 0) {
                out.append(String.format(".%06d", abs % 1_000_000L).replaceAll("0+$", ""));
            }
        }
        return out.toString().trim();
    }
}
