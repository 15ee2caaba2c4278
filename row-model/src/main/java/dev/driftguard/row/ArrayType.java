package dev.driftguard.row;

import java.sql.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Arrays: element order matters; each element canonicalized by the element type and the whole printed as a jsonb
 * array of strings, e.g. {@code ["1", "2", null]}; empty array {@code []}. Multi-dimensional arrays get their shape
 * in front, as 1-based PostgreSQL bounds, e.g. {@code [1:2][1:2]["1", "2", "3", "4"]} (elements in storage order).
 * Lower bounds are not part of the canonical form: Debezium's lists and pgjdbc's binary transfer cannot carry them,
 * so '[0:1]={1,2}' equals '{1,2}'.
 */
final class ArrayType implements CanonicalType {

    private final CanonicalType element;

    ArrayType(CanonicalType element) {
        this.element = element;
    }

    CanonicalType element() {
        return element;
    }

    @Override
    public TypeFamily family() {
        return TypeFamily.ARRAY;
    }

    @Override
    public String canonical(Object javaValue) {
        if (javaValue instanceof Array array) {
            // PgArray.toString() is PostgreSQL's own text form of the elements; parsing it avoids pgjdbc's lossy
            // element conversions (java.sql.Time, numeric NaN)
            PgArrayLiteral.Parsed parsed;
            try {
                parsed = PgArrayLiteral.parse(array.toString());
            } catch (IllegalArgumentException e) {
                throw JavaValues.invalid("array", javaValue, e.getMessage(), e);
            }
            List<String> texts = new ArrayList<>(parsed.elements().size());
            for (String text : parsed.elements()) {
                texts.add(text == null ? null : elementFromPgText(text));
            }
            return render(parsed.dimensions(), texts);
        }
        if (javaValue instanceof List<?> || javaValue instanceof Object[] || isPrimitiveArray(javaValue)) {
            List<int[]> dimensions = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            flatten(javaValue, 0, dimensions, texts);
            return render(texts.isEmpty() ? List.of() : dimensions, texts);
        }
        throw JavaValues.unsupported("array", javaValue, "java.sql.Array, List, Object[]");
    }

    private String elementFromPgText(String text) {
        if (element instanceof ByteaType && text.startsWith("\\x")) {
            return text.substring(2).toLowerCase(java.util.Locale.ROOT);
        }
        return element.canonical(text);
    }

    private boolean isPrimitiveArray(Object value) {
        return value != null
                && value.getClass().isArray()
                && value.getClass().getComponentType().isPrimitive()
                && !(value instanceof byte[] && element.family() == TypeFamily.BYTES);
    }

    private boolean isNested(Object value) {
        return value instanceof List<?> || value instanceof Object[] || isPrimitiveArray(value);
    }

    private void flatten(Object value, int depth, List<int[]> dimensions, List<String> texts) {
        List<Object> items = items(value);
        if (dimensions.size() == depth) {
            dimensions.add(new int[] {1, items.size()});
        } else if (dimensions.get(depth)[1] != items.size()) {
            throw JavaValues.invalid("array", value, "sub-arrays of different lengths", null);
        }
        for (Object item : items) {
            if (isNested(item)) {
                flatten(item, depth + 1, dimensions, texts);
            } else {
                if (dimensions.size() > depth + 1) {
                    throw JavaValues.invalid("array", value, "an element where a sub-array was expected", null);
                }
                texts.add(item == null ? null : elementFromJava(item));
            }
        }
    }

    private String elementFromJava(Object item) {
        // Debezium sends temporal array elements as numbers (days, micros of day, epoch micros)
        if (item instanceof Integer || item instanceof Long) {
            long n = ((Number) item).longValue();
            switch (element.family()) {
                case DATE -> {
                    return element.canonicalFromEpochDays(n);
                }
                case TIME -> {
                    return element.canonicalFromMicrosOfDay(n);
                }
                case TIMESTAMP -> {
                    return element.canonicalFromEpochMicros(n);
                }
                default -> {
                    return element.canonical(item);
                }
            }
        }
        return element.canonical(item);
    }

    private static List<Object> items(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        int length = java.lang.reflect.Array.getLength(value);
        List<Object> items = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            items.add(java.lang.reflect.Array.get(value, i));
        }
        return items;
    }

    private static String render(List<int[]> dimensions, List<String> texts) {
        StringBuilder out = new StringBuilder();
        if (dimensions.size() > 1) {
            for (int[] dimension : dimensions) {
                out.append("[1:").append(dimension[1]).append(']');
            }
        }
        out.append('[');
        for (int i = 0; i < texts.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            String text = texts.get(i);
            if (text == null) {
                out.append("null");
            } else {
                JsonbText.quote(text, out);
            }
        }
        return out.append(']').toString();
    }

    @Override
    public String sqlExpression(String c) {
        String multiDimensional = "(SELECT string_agg('[1:' || array_length(" + c
                + ", dg_dim) || ']', '' ORDER BY dg_dim)"
                + " FROM generate_series(1, array_ndims(" + c + ")) AS dg_dim)"
                + " || (SELECT jsonb_agg(" + element.sqlExpression("dg_arr.dg_elem") + " ORDER BY dg_arr.dg_ord)::text"
                + " FROM unnest(" + c + ") WITH ORDINALITY AS dg_arr(dg_elem, dg_ord))";
        String oneDimensional;
        String textCast = elementTextCast();
        if (textCast != null) {
            // the element's canonical text is its cast to text: cast the whole array, no per-element subquery
            oneDimensional = "to_jsonb((" + c + ")" + textCast + ")::text";
        } else {
            oneDimensional = "to_jsonb(ARRAY(SELECT " + element.sqlExpression("dg_arr.dg_elem") + " FROM unnest(" + c
                    + ") WITH ORDINALITY AS dg_arr(dg_elem, dg_ord) ORDER BY dg_arr.dg_ord))::text";
        }
        return "CASE WHEN " + c + " IS NULL THEN NULL WHEN array_ndims(" + c + ") > 1 THEN " + multiDimensional
                + " ELSE " + oneDimensional + " END";
    }

    /** The array cast yielding each element's canonical text, for element types whose canonical text is a cast. */
    private String elementTextCast() {
        if (element instanceof IntegerType
                || element instanceof TextType
                || element instanceof BooleanType
                || element instanceof UuidType
                || element instanceof DateType
                || element instanceof TimeType
                || element == TimestampType.TIMESTAMP) {
            return "::text[]";
        }
        if (element instanceof JsonType) {
            return "::jsonb[]::text[]";
        }
        return null;
    }
}
