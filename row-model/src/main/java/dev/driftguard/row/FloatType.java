package dev.driftguard.row;

import java.util.HexFormat;

/**
 * float4/float8: {@code NaN} (every NaN, as PostgreSQL treats them all equal) or the 16 lowercase hex digits of the
 * IEEE-754 binary64 bits, float4 widened exactly to float8 and -0 turned into +0. Exact, so independent of how
 * decimal renderings round.
 */
final class FloatType implements CanonicalType {

    static final FloatType FLOAT4 = new FloatType(true);
    static final FloatType FLOAT8 = new FloatType(false);

    private final boolean float4;

    private FloatType(boolean float4) {
        this.float4 = float4;
    }

    @Override
    public TypeFamily family() {
        return TypeFamily.FLOAT;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        double d;
        if (value instanceof Double x) {
            d = x;
        } else if (value instanceof Float x) {
            d = x; // widening float -> double is exact, as float4::float8 is in PostgreSQL
        } else if (value instanceof String text) {
            d = parse(text);
        } else {
            throw JavaValues.unsupported(float4 ? "float4" : "float8", value, "Double, Float, String");
        }
        return ofDouble(d);
    }

    static String ofDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        return HexFormat.of().toHexDigits(Double.doubleToRawLongBits(d + 0.0));
    }

    private double parse(String text) {
        String t = text.trim();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "infinity", "inf", "+infinity", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return float4 ? Float.parseFloat(t) : Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw JavaValues.invalid(float4 ? "float4" : "float8", text, "not a number", e);
                }
        }
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        // float8send gives the big-endian binary64 bits; adding +0 turns -0 into +0 (IEEE round-to-nearest)
        return "CASE WHEN " + quotedColumnRef + " = 'NaN' THEN 'NaN' ELSE encode(float8send((" + quotedColumnRef
                + ")::float8 + 0::float8), 'hex') END";
    }

    @Override
    public String display(String canonicalText) {
        if ("NaN".equals(canonicalText)) {
            return canonicalText;
        }
        double d = Double.longBitsToDouble(HexFormat.fromHexDigitsToLong(canonicalText));
        return float4 && (float) d == d ? Float.toString((float) d) : Double.toString(d);
    }
}
