package dev.driftguard.compare;

/**
 * Checks that a --where predicate is one self-contained SQL expression before it is spliced into queries as
 * {@code AND (<predicate>)}: parentheses balanced and quotes, dollar quotes and comments closed outside string
 * literals and quoted identifiers, and no ';'. A predicate like {@code id > 5) OR (1=1} would otherwise change the
 * structure of every query it is spliced into.
 */
final class PredicateSyntax {

    private final String text;
    private int depth;

    private PredicateSyntax(String text) {
        this.text = text;
    }

    /** Why {@code predicate} is not one self-contained expression, or null if it is. */
    static String problemWith(String predicate) {
        return new PredicateSyntax(predicate).scan();
    }

    private String scan() {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int next;
            if (c == '\'') {
                next = closeQuote(i, '\'', escapeString(i));
            } else if (c == '"') {
                next = closeQuote(i, '"', false);
            } else if (c == '$' && dollarTag(i) != null) {
                next = closeDollar(i, dollarTag(i));
            } else if (text.startsWith("--", i)) {
                int eol = text.indexOf('\n', i);
                next = eol < 0 ? text.length() : eol + 1;
            } else if (text.startsWith("/*", i)) {
                next = closeComment(i);
            } else {
                String problem = punctuation(c, i);
                if (problem != null) {
                    return problem;
                }
                next = i + 1;
            }
            if (next < 0) {
                return opened(c, i) + " at character " + (i + 1) + " is not closed";
            }
            i = next;
        }
        return depth == 0 ? null : "opens " + depth + " parenthesis(es) it does not close";
    }

    private String punctuation(char c, int i) {
        if (c == '(') {
            depth++;
        } else if (c == ')' && --depth < 0) {
            return "closes a parenthesis at character " + (i + 1) + " that it did not open";
        } else if (c == ';') {
            return "contains ';' at character " + (i + 1) + " (statements, not one expression)";
        }
        return null;
    }

    private static String opened(char c, int at) {
        return switch (c) {
            case '\'' -> "the string literal opened";
            case '"' -> "the quoted identifier opened";
            case '$' -> "the dollar-quoted string opened";
            default -> "the comment opened";
        };
    }

    /** An E'...' string, where a backslash escapes the next character. */
    private boolean escapeString(int quote) {
        return quote > 0
                && (text.charAt(quote - 1) == 'E' || text.charAt(quote - 1) == 'e')
                && (quote == 1 || !isIdentifierChar(text.charAt(quote - 2)));
    }

    /** The index after the quote that closes the one at {@code open} (a doubled quote stays inside), or -1. */
    private int closeQuote(int open, char quote, boolean backslashEscapes) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i++;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /** The tag ({@code $$} or {@code $name$}) of a dollar quote starting at {@code i}, or null if none starts there. */
    private String dollarTag(int i) {
        if (i > 0 && isIdentifierChar(text.charAt(i - 1))) {
            return null; // part of an identifier such as a$b
        }
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != '$' && isIdentifierChar(text.charAt(j))) {
            j++;
        }
        boolean valid =
                j < text.length() && text.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(text.charAt(i + 1)));
        return valid ? text.substring(i, j + 1) : null;
    }

    private int closeDollar(int open, String tag) {
        int close = text.indexOf(tag, open + tag.length());
        return close < 0 ? -1 : close + tag.length();
    }

    /** The index after the comment opened at {@code open} (block comments nest, as in PostgreSQL), or -1. */
    private int closeComment(int open) {
        int nesting = 0;
        for (int i = open; i + 1 < text.length(); i++) {
            if (text.startsWith("/*", i)) {
                nesting++;
                i++;
            } else if (text.startsWith("*/", i)) {
                nesting--;
                i++;
                if (nesting == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
