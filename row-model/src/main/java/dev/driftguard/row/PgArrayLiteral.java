package dev.driftguard.row;

import java.util.ArrayList;
import java.util.List;

/**
 * Parser of PostgreSQL's array text output ({@code array_out}): optional dimension decoration {@code [1:2][0:3]=},
 * nested braces, elements separated by commas, double-quoted with backslash escapes where needed, unquoted {@code NULL}
 * for SQL NULL.
 */
final class PgArrayLiteral {

    /** Lower bound and length of each dimension (empty for an empty array) and the elements in storage order. */
    record Parsed(List<int[]> dimensions, List<String> elements) {}

    private final String text;
    private int pos;

    private PgArrayLiteral(String text) {
        this.text = text;
    }

    static Parsed parse(String text) {
        return new PgArrayLiteral(text).parse();
    }

    private Parsed parse() {
        List<Integer> lowerBounds = new ArrayList<>();
        List<Integer> declaredLengths = new ArrayList<>();
        while (peek() == '[') {
            pos++;
            int lower = readInt();
            expect(':');
            int upper = readInt();
            expect(']');
            lowerBounds.add(lower);
            declaredLengths.add(upper - lower + 1);
        }
        if (!lowerBounds.isEmpty()) {
            expect('=');
        }
        List<Integer> lengths = new ArrayList<>();
        List<String> elements = new ArrayList<>();
        readLevel(0, lengths, elements);
        if (pos != text.length()) {
            throw error("trailing characters");
        }
        if (elements.isEmpty()) {
            return new Parsed(List.of(), elements);
        }
        if (!lowerBounds.isEmpty() && !lengths.equals(declaredLengths)) {
            throw error("dimensions " + declaredLengths + " do not match the elements " + lengths);
        }
        List<int[]> dimensions = new ArrayList<>();
        for (int d = 0; d < lengths.size(); d++) {
            dimensions.add(new int[] {lowerBounds.isEmpty() ? 1 : lowerBounds.get(d), lengths.get(d)});
        }
        return new Parsed(dimensions, elements);
    }

    private void readLevel(int depth, List<Integer> lengths, List<String> elements) {
        expect('{');
        int count = 0;
        if (peek() == '}') {
            pos++;
            recordLength(depth, 0, lengths);
            return;
        }
        while (true) {
            if (peek() == '{') {
                readLevel(depth + 1, lengths, elements);
            } else {
                if (lengths.size() > depth + 1 && lengths.get(depth + 1) != -1) {
                    throw error("an element where a sub-array was expected");
                }
                elements.add(readElement());
            }
            count++;
            char c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
        recordLength(depth, count, lengths);
    }

    private void recordLength(int depth, int count, List<Integer> lengths) {
        // inner levels finish first, so slots for outer levels may still be unset (-1)
        while (lengths.size() <= depth) {
            lengths.add(-1);
        }
        if (lengths.get(depth) == -1) {
            lengths.set(depth, count);
        } else if (lengths.get(depth) != count) {
            throw error("sub-arrays of different lengths");
        }
    }

    private String readElement() {
        if (peek() == '"') {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                out.append(c == '\\' ? next() : c);
            }
        }
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != '}') {
            if (text.charAt(pos) == '\\') {
                pos++;
            }
            pos++;
        }
        String raw = text.substring(start, pos).trim();
        if (raw.equalsIgnoreCase("NULL")) {
            return null;
        }
        return raw.replaceAll("\\\\(.)", "$1");
    }

    private int readInt() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        try {
            return Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("expected a dimension bound");
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a PostgreSQL array literal (" + what + " at position " + pos + ")");
    }
}
