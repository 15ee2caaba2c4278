package dev.driftguard.row;

import java.io.IOException;

/** json and jsonb: jsonb's text output ({@code c::jsonb::text}), so key order and whitespace do not matter. */
final class JsonType implements CanonicalType {

    static final JsonType INSTANCE = new JsonType();

    private JsonType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.JSON;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        if (!(value instanceof String text)) {
            throw JavaValues.unsupported("json", value, "String, PGobject");
        }
        try {
            return JsonbText.normalize(text);
        } catch (IOException e) {
            throw JavaValues.invalid("json", text, e.getMessage(), e);
        }
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return "(" + quotedColumnRef + ")::jsonb::text";
    }
}
