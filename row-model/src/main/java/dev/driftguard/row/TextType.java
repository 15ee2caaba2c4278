package dev.driftguard.row;

/**
 * text, varchar, name, "char", citext, enums: the text as stored ('a' and 'a ' differ). bpchar (char(n)): trailing
 * spaces stripped, as PostgreSQL's bpchar-to-text conversion does.
 */
final class TextType implements CanonicalType {

    static final TextType TEXT = new TextType(false);
    static final TextType BPCHAR = new TextType(true);

    private final boolean bpchar;

    private TextType(boolean bpchar) {
        this.bpchar = bpchar;
    }

    @Override
    public TypeFamily family() {
        return TypeFamily.TEXT;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        String text;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof Character c) {
            text = c.toString();
        } else {
            throw JavaValues.unsupported("text", value, "String, Character, PGobject");
        }
        return bpchar ? stripTrailingSpaces(text) : text;
    }

    private static String stripTrailingSpaces(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        if (bpchar) {
            // bpchar::text is rtrim1(), which in multibyte encodings walks per-character arrays (~3x slower on a
            // char(84) column). length(bpchar) already counts characters without the trailing spaces, concat() keeps
            // the padding (bpcharout), and left() cuts by characters: same text, and NULL stays NULL.
            return "left(concat(" + quotedColumnRef + "), length(" + quotedColumnRef + "))";
        }
        return "(" + quotedColumnRef + ")::text";
    }
}
