package dev.driftguard.row;

import java.math.BigDecimal;
import java.math.BigInteger;

/** int2, int4, int8: decimal text. */
final class IntegerType implements CanonicalType {

    static final IntegerType INSTANCE = new IntegerType();

    private IntegerType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.INTEGER;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        if (value instanceof BigInteger big) {
            return big.toString();
        }
        if (value instanceof BigDecimal decimal) {
            try {
                return decimal.toBigIntegerExact().toString();
            } catch (ArithmeticException e) {
                throw JavaValues.invalid("integer", value, "it has a fraction", e);
            }
        }
        if (value instanceof String text) {
            try {
                return new BigInteger(text.trim()).toString();
            } catch (NumberFormatException e) {
                throw JavaValues.invalid("integer", value, "not an integer", e);
            }
        }
        throw JavaValues.unsupported("integer", value, "Short, Integer, Long, BigInteger, integral BigDecimal, String");
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return "(" + quotedColumnRef + ")::text";
    }
}
