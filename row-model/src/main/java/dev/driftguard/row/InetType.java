package dev.driftguard.row;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * inet and cidr: {@code <address>/<mask length>} with the mask always present ({@code host(c) || '/' ||
 * masklen(c)}); IPv4 dotted decimal, IPv6 as PostgreSQL prints it (longest zero run compressed, first one on ties,
 * IPv4-mapped and IPv4-compatible addresses with a dotted tail). inet and cidr holding the same address and mask are
 * equal.
 */
final class InetType implements CanonicalType {

    static final InetType INSTANCE = new InetType();

    private InetType() {}

    @Override
    public TypeFamily family() {
        return TypeFamily.INET;
    }

    @Override
    public String canonical(Object javaValue) {
        Object value = JavaValues.unwrap(javaValue);
        if (value instanceof InetAddress address) {
            byte[] bytes = address.getAddress();
            return format(bytes) + "/" + bytes.length * 8;
        }
        if (!(value instanceof String text)) {
            throw JavaValues.unsupported("inet", value, "String, PGobject, InetAddress");
        }
        try {
            int slash = text.indexOf('/');
            String addressText = slash < 0 ? text : text.substring(0, slash);
            byte[] bytes = addressText.indexOf(':') >= 0 ? parseIpv6(addressText) : parseIpv4(addressText);
            int maxBits = bytes.length * 8;
            int bits = slash < 0 ? maxBits : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > maxBits) {
                throw new IllegalArgumentException("mask length " + bits + " is outside 0.." + maxBits);
            }
            return format(bytes) + "/" + bits;
        } catch (IllegalArgumentException e) {
            throw JavaValues.invalid("inet", text, e.getMessage(), e);
        }
    }

    @Override
    public String sqlExpression(String quotedColumnRef) {
        return "host(" + quotedColumnRef + ") || '/' || masklen(" + quotedColumnRef + ")";
    }

    static String format(byte[] bytes) {
        return bytes.length == 4 ? formatIpv4(bytes, 0) : formatIpv6(bytes);
    }

    private static String formatIpv4(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) + "." + (bytes[offset + 1] & 0xff) + "." + (bytes[offset + 2] & 0xff) + "."
                + (bytes[offset + 3] & 0xff);
    }

    /**
     * PostgreSQL's inet_net_ntop_ipv6 (src/port/inet_net_ntop.c). One piece on purpose: it follows the C function
     * step by step (longest zero run, then the words with the embedded IPv4 tail), so that it can be checked against
     * it line by line; split up, the canonical text could drift from the server's.
     */
    private static String formatIpv6(byte[] bytes) {
        int[] words = new int[8];
        for (int i = 0; i < 16; i++) {
            words[i / 2] |= (bytes[i] & 0xff) << ((1 - (i % 2)) << 3);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder out = new StringBuilder(46);
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                out.append(formatIpv4(bytes, 12));
                break;
            }
            out.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            out.append(':');
        }
        return out.toString();
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has 4 dotted parts");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) octet(parts[i]);
        }
        return bytes;
    }

    private static int octet(String part) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + part + "' is not an IPv4 octet");
        }
        int value = Integer.parseInt(part);
        if (value > 255) {
            throw new IllegalArgumentException("'" + part + "' is not an IPv4 octet");
        }
        return value;
    }

    private static byte[] parseIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw new IllegalArgumentException("an IPv6 address has at most one '::'");
        }
        List<Integer> head = words(doubleColon < 0 ? text : text.substring(0, doubleColon));
        List<Integer> tail = doubleColon < 0 ? List.of() : words(text.substring(doubleColon + 2));
        int missing = 8 - head.size() - tail.size();
        if ((doubleColon < 0 && missing != 0) || (doubleColon >= 0 && missing < 1)) {
            throw new IllegalArgumentException("an IPv6 address has 8 groups");
        }
        byte[] bytes = new byte[16];
        int w = 0;
        for (int word : head) {
            bytes[2 * w] = (byte) (word >> 8);
            bytes[2 * w++ + 1] = (byte) word;
        }
        w += doubleColon < 0 ? 0 : missing;
        for (int word : tail) {
            bytes[2 * w] = (byte) (word >> 8);
            bytes[2 * w++ + 1] = (byte) word;
        }
        return bytes;
    }

    /** 16-bit groups of a colon-separated run; a dotted IPv4 last part counts as two groups. */
    private static List<Integer> words(String run) {
        List<Integer> words = new ArrayList<>();
        if (run.isEmpty()) {
            return words;
        }
        String[] parts = run.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(part);
                words.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                words.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
            } else {
                if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new IllegalArgumentException("'" + part + "' is not an IPv6 group");
                }
                words.add(Integer.parseInt(part, 16));
            }
        }
        return words;
    }
}
