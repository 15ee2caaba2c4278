package dev.driftguard.row;

import java.math.BigDecimal;

/** Text forms of PostgreSQL {@code numeric} values. */
final class NumericText {

    private NumericText() {}

    /**
     * {@code numeric} output of a value as stored (scale kept, never exponent notation); a negative scale prints as
     * integer digits, as {@code numeric} has no negative display scale.
     */
    static String of(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }

    /** {@code trim_scale(value)::text}: trailing fractional zeros removed, zero as {@code 0}. */
    static String trimmed(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return of(value.stripTrailingZeros());
    }
}
