package dev.driftguard.row;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * numeric: scale-insensitive ({@code trim_scale}): 1.50 and 1.5000 are both {@code 1.5}, zero is {@code 0}; special
 * values {@code NaN}, {@code Infinity}, {@code -Infinity} (PostgreSQL 14+).
 */
final class NumericType implements CanonicalType {

    static final NumericType INSTANCE = new NumericType();

    private NumericType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.NUMERIC;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        if (value instanceof BigDecimal decimal) {
            return NumericText.trimmed(decimal);
        }
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            // pgjdbc returns numeric NaN/Infinity as Double; a finite binary float is not a numeric value
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            throw JavaValues.invalid(
                    "numeric",
                    value,
                    "a finite float/double cannot stand for an exact numeric; pass a BigDecimal",
                    null);
        }
        if (value instanceof String text) {
            switch (text) {
                case "NaN", "Infinity", "-Infinity" -> {
                    return text;
                }
                default -> {
                    try {
                        return NumericText.trimmed(new BigDecimal(text.trim()));
                    } catch (NumberFormatException e) {
                        throw JavaValues.invalid("numeric", value, "not a decimal number", e);
                    }
                }
            }
        }
        throw JavaValues.unsupported(
                "numeric", value, "BigDecimal, integer types, Double NaN/Infinity, String (decimal, NaN, Infinity)");
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return "trim_scale(" + quotedColumnRef + ")::text";
    }
}
