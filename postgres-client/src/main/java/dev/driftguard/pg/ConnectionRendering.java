package dev.driftguard.pg;

import dev.driftguard.pg.ConnectionSpec.HostPort;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text forms of a {@link ConnectionSpec}: the pgjdbc URL and the masked URI never carry a password; only the libpq
 * conninfo (handed to PostgreSQL itself, e.g. CREATE SUBSCRIPTION) does.
 */
final class ConnectionRendering {

    private ConnectionRendering() {}

    static String jdbcUrl(List<HostPort> hosts, String database) {
        return "jdbc:postgresql://" + hostList(hosts) + "/" + urlEncode(database);
    }

    static String libpqConninfo(String host, int port, String database, String user, String password, String sslmode) {
        StringBuilder sb = new StringBuilder();
        sb.append("host=").append(quoteConninfo(host));
        sb.append(" port=").append(port);
        sb.append(" dbname=").append(quoteConninfo(database));
        sb.append(" user=").append(quoteConninfo(user));
        if (password != null) {
            sb.append(" password=").append(quoteConninfo(password));
        }
        if (sslmode != null) {
            sb.append(" sslmode=").append(quoteConninfo(sslmode));
        }
        return sb.toString();
    }

    /** A libpq URI with the password and any password-like property masked: safe for logs, messages and reports. */
    static String masked(
            List<HostPort> hosts, String database, String user, boolean hasPassword, Map<String, String> properties) {
        StringBuilder sb = new StringBuilder("postgresql://").append(user);
        if (hasPassword) {
            sb.append(":****");
        }
        sb.append('@').append(hostList(hosts)).append('/').append(database);
        String sep = "?";
        for (Map.Entry<String, String> p : properties.entrySet()) {
            boolean secret = p.getKey().toLowerCase(Locale.ROOT).contains("password");
            sb.append(sep).append(p.getKey()).append('=').append(secret ? "****" : p.getValue());
            sep = "&";
        }
        return sb.toString();
    }

    private static String hostList(List<HostPort> hosts) {
        return String.join(",", hosts.stream().map(HostPort::toString).toList());
    }

    private static String quoteConninfo(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
