package dev.driftguard.compare;

import java.util.ArrayList;
import java.util.List;

/** Splitting of command-line option values that may contain double-quoted identifiers. */
final class OptionSyntax {

    private OptionSyntax() {}

    /** Splits at every {@code separator} that is not inside double quotes; parts are trimmed, empty parts dropped. */
    static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                addIfNotBlank(parts, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addIfNotBlank(parts, current);
        return parts;
    }

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

    private static void addIfNotBlank(List<String> parts, StringBuilder part) {
        String trimmed = part.toString().trim();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
    }
}
