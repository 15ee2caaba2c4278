package dev.driftguard.row;

/** bool: {@code true} / {@code false}. */
final class BooleanType implements CanonicalType {

    static final BooleanType INSTANCE = new BooleanType();

    private BooleanType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.BOOLEAN;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof String text) {
            switch (text) {
                case "t", "true" -> {
                    return "true";
                }
                case "f", "false" -> {
                    return "false";
                }
                default -> throw JavaValues.invalid("bool", value, "expected t, f, true or false", null);
            }
        }
        throw JavaValues.unsupported("bool", value, "Boolean, String t/f/true/false");
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return "(" + quotedColumnRef + ")::text";
    }
}
