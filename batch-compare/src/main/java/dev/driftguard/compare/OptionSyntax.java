package dev.driftguard.compare;

/** Parsing of command-line option values that may contain double-quoted identifiers and quoted strings. */
final class OptionSyntax {

    private OptionSyntax() {}

    /** The index of the first {@code separator} outside double-quoted identifiers and single-quoted strings, or -1. */
    static int indexOutsideQuotes(String text, char separator) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == separator) {
                return i;
            }
        }
        return -1;
    }
}
