package dev.driftguard.row;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** uuid: lowercase, hyphenated 8-4-4-4-12. */
final class UuidType implements CanonicalType {

    static final UuidType INSTANCE = new UuidType();

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private UuidType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.UUID;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof String text) {
            if (!CANONICAL.matcher(text).matches()) {
                throw JavaValues.invalid("uuid", value, "expected 8-4-4-4-12 hex digits", null);
            }
            return text.toLowerCase(Locale.ROOT);
        }
        throw JavaValues.unsupported("uuid", value, "UUID, String");
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return "(" + quotedColumnRef + ")::text";
    }
}
