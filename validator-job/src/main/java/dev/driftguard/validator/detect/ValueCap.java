package dev.driftguard.validator.detect;

import java.util.HexFormat;

/**
 * How much of a column's canonical text the detector keeps: a value of at most {@value #KEPT_BYTES} UTF-8 bytes in
 * full; a longer one as its longest prefix of at most that many bytes (never splitting a character), its full length
 * and its 64-bit hash (capture's, over the whole text). So a 128 KB text costs a tracked key no more than a 256-byte
 * one, a change anywhere in it (also past the prefix) still changes the hash and is detected, and a drift on it is
 * reported with the prefix, the full length and the hashes.
 *
 * <p>Why 256 bytes: the values of ordinary columns (keys, numbers, timestamps, codes, names, e-mail and postal
 * addresses, short notes) fit in it and are kept and reported as they are; a long text adds at most ~270 bytes to a
 * key's state (the size of a whole narrow key), and its first 256 bytes are enough to recognise it in a report.
 */
final class ValueCap {

    static final int KEPT_BYTES = 256;

    private ValueCap() {}

    /**
     * {@code version} with every value longer than the cap cut to its prefix (its full length noted; its hash, which
     * covers the whole value, kept); the same version if none is.
     */
    static SideVersion applied(SideVersion version) {
        String[] values = version.values();
        if (values == null) {
            return version;
        }
        String[] cut = null;
        int[] fullLengths = version.fullLengths();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && (fullLengths == null || fullLengths[i] == 0) && exceeds(values[i])) {
                if (cut == null) {
                    cut = values.clone();
                    fullLengths = fullLengths == null ? new int[values.length] : fullLengths.clone();
                }
                fullLengths[i] = utf8Length(values[i]);
                cut[i] = prefix(values[i]);
            }
        }
        return cut == null
                ? version
                : version.withContent(version.columns, version.states(), version.hashes(), cut, fullLengths);
    }

    /** Whether {@code text} is longer than {@value #KEPT_BYTES} UTF-8 bytes. */
    static boolean exceeds(String text) {
        int chars = text.length();
        if (chars > KEPT_BYTES) {
            return true;
        }
        // A character takes at most 3 UTF-8 bytes (a surrogate pair, two chars, takes 4).
        return chars * 3 > KEPT_BYTES && utf8Length(text) > KEPT_BYTES;
    }

    /** The longest prefix of {@code text} of at most {@value #KEPT_BYTES} UTF-8 bytes that ends on a character. */
    static String prefix(String text) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Size(codePoint);
            if (bytes + size > KEPT_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += utf8Size(codePoint);
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    private static int utf8Size(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    /**
     * A truncated value as a drift event reports it: the prefix, then a marker with the full length and the 64-bit
     * hash (16 hex digits, the first 8 bytes of SHA-256 over the whole UTF-8 text, as capture computes it). In SQL:
     * {@code octet_length(col)} and {@code left(encode(sha256(convert_to(col, 'UTF8')), 'hex'), 16)}.
     */
    static String reported(String prefix, int fullLength, long hash) {
        return prefix + "…[truncated: " + fullLength + " bytes in all, sha256 "
                + HexFormat.of().toHexDigits(hash) + "]";
    }
}
