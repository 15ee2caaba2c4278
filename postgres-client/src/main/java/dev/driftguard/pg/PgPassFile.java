package dev.driftguard.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads libpq's password file: lines {@code hostname:port:database:username:password}, {@code *} matches anything,
 * {@code \:} and {@code \\} escape, first matching line wins, {@code #} starts a comment line.
 */
final class PgPassFile {

    private PgPassFile() {}

    static Optional<String> lookup(Path file, ConnectionSpec.HostPort host, String database, String user) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read password file " + file + ": " + e.getMessage(), e);
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = split(line);
            if (f.size() != 5) {
                continue;
            }
            if (matches(f.get(0), host.host(), "localhost")
                    && matches(f.get(1), Integer.toString(host.port()), null)
                    && matches(f.get(2), database, null)
                    && matches(f.get(3), user, null)) {
                return Optional.of(f.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value, String alias) {
        // libpq: "localhost" in the file also matches connections made over the local socket; over TCP we see
        // 127.0.0.1 or localhost, so treat the loopback names as one.
        if (pattern.equals("*") || pattern.equals(value)) {
            return true;
        }
        return alias != null && pattern.equals(alias) && (value.equals("127.0.0.1") || value.equals("::1"));
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }
}
