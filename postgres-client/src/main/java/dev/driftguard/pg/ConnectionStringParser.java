package dev.driftguard.pg;

import dev.driftguard.pg.ConnectionSpec.HostPort;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a libpq URI or a pgjdbc URL into a {@link ConnectionSpec}: hosts and ports, database, user, password (from the
 * string, else the {@link PasswordSources}) and the parameters as pgjdbc properties. Every error names the offending
 * part with the password masked, and what the string should look like.
 */
final class ConnectionStringParser {

    /** libpq URI parameters and the pgjdbc property each one becomes. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.ofEntries(
            Map.entry("sslmode", "sslmode"),
            Map.entry("sslrootcert", "sslrootcert"),
            Map.entry("sslcert", "sslcert"),
            Map.entry("sslkey", "sslkey"),
            Map.entry("sslpassword", "sslpassword"),
            Map.entry("application_name", "ApplicationName"),
            Map.entry("connect_timeout", "connectTimeout"),
            Map.entry("options", "options"),
            Map.entry("target_session_attrs", "targetServerType"),
            Map.entry("gssencmode", "gssEncMode"),
            Map.entry("channel_binding", "channelBinding"));

    private ConnectionStringParser() {}

    static ConnectionSpec parse(String connectionString, PasswordSources sources) {
        if (connectionString == null || connectionString.isBlank()) {
            throw new InvalidConnectionStringException(
                    "empty connection string: give postgresql://user@host:port/database or jdbc:postgresql://host:port/database");
        }
        String s = connectionString.trim();
        if (s.startsWith("jdbc:postgresql://")) {
            return parseUri(s.substring("jdbc:".length()), true, sources);
        }
        if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
            return parseUri(s, false, sources);
        }
        throw new InvalidConnectionStringException(
                "unsupported connection string '" + maskRaw(s)
                        + "': expected postgresql://user@host:port/database (libpq URI) or jdbc:postgresql://host:port/database");
    }

    /**
     * Reads a URI as libpq does. One piece so that libpq's precedence reads top to bottom: the URI's parts (each cut
     * off the rest), then parameters overriding them, then the defaults and the password sources.
     */
    private static ConnectionSpec parseUri(String uri, boolean jdbc, PasswordSources sources) {
        String rest = uri.substring(uri.indexOf("://") + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        if (path.indexOf('@') >= 0 || (rest.indexOf('@') < 0 && query.indexOf('@') >= 0)) {
            // libpq also ends the authority at the first '/' or '?': an '@' after it likely ends a password that holds
            // a raw '/' or '?', and the parts would show pieces of it (as host, port, database or parameter).
            throw new InvalidConnectionStringException("'" + maskRaw(uri) + "' has a raw '@' after the host: if the"
                    + " user, password or database name contains @ : / ? # or %, percent-encode them"
                    + " (%40 %3A %2F %3F %23 %25), or give the password in PGPASSWORD or ~/.pgpass");
        }
        String userInfo = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo, uri);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1), uri) : null;
        }
        Map<String, String> params = parseQuery(query, uri);
        List<HostPort> hosts = hosts(rest, params, uri);
        String database = decode(path, uri);
        if (params.containsKey("dbname")) {
            database = params.remove("dbname");
        }
        if (params.containsKey("user")) {
            user = params.remove("user");
        }
        if (params.containsKey("password")) {
            password = params.remove("password");
        }
        if (user == null || user.isEmpty()) {
            user = sources.defaultUser();
        }
        if (database == null || database.isEmpty()) {
            database = user;
        }
        Map<String, String> props = jdbc ? params : jdbcProperties(params, uri);
        if (password == null) {
            password = sources.lookup(hosts.get(0), database, user).orElse(null);
        }
        return new ConnectionSpec(hosts, database, user, password, props);
    }

    /** The pgjdbc properties of a libpq URI's parameters; an unknown parameter is refused with the supported ones. */
    private static Map<String, String> jdbcProperties(Map<String, String> params, String uri) {
        Map<String, String> props = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            String jdbcName = LIBPQ_TO_JDBC.get(p.getKey());
            if (jdbcName == null) {
                throw new InvalidConnectionStringException("unsupported parameter '" + p.getKey() + "' in '"
                        + maskRaw(uri) + "'; supported libpq parameters: "
                        + String.join(", ", new TreeSet<>(LIBPQ_TO_JDBC.keySet()))
                        + " (or use a jdbc:postgresql:// URL for driver-specific properties)");
            }
            props.put(jdbcName, translateValue(p.getKey(), p.getValue()));
        }
        return props;
    }

    private static String translateValue(String libpqName, String value) {
        if (libpqName.equals("target_session_attrs")) {
            return switch (value) {
                case "read-write", "primary" -> "primary";
                case "read-only", "standby" -> "secondary";
                case "prefer-standby" -> "preferSecondary";
                default -> "any";
            };
        }
        return value;
    }

    /** The hosts of the URI's authority, or of its {@code host} parameter (which takes precedence, as in libpq). */
    private static List<HostPort> hosts(String authorityHosts, Map<String, String> params, String uri) {
        List<HostPort> hosts = parseHosts(authorityHosts, params.remove("port"), uri);
        String hostParam = params.remove("host");
        if (hostParam == null) {
            return hosts;
        }
        if (hostParam.startsWith("/")) {
            throw new InvalidConnectionStringException("unix-domain socket host '" + hostParam + "' in '" + maskRaw(uri)
                    + "' is not supported by the JDBC driver: connect over TCP (host=127.0.0.1)");
        }
        return parseHosts(hostParam, null, uri);
    }

    private static List<HostPort> parseHosts(String hostList, String portParam, String uri) {
        List<HostPort> hosts = new ArrayList<>();
        String list = hostList.isEmpty() ? "localhost" : hostList;
        for (String entry : list.split(",")) {
            String host = entry;
            String port = portParam;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new InvalidConnectionStringException("the IPv6 address in '" + maskRaw(uri)
                            + "' has no closing ']': write it as [address] or [address]:port");
                }
                host = entry.substring(1, close);
                if (entry.length() > close + 1 && entry.charAt(close + 1) == ':') {
                    port = entry.substring(close + 2);
                }
            } else if (entry.contains(":")) {
                host = entry.substring(0, entry.indexOf(':'));
                port = entry.substring(entry.indexOf(':') + 1);
            }
            hosts.add(new HostPort(host.isEmpty() ? "localhost" : decode(host, uri), parsePort(port, uri)));
        }
        return hosts;
    }

    private static int parsePort(String port, String uri) {
        if (port == null || port.isEmpty()) {
            return 5432;
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            if (uri.lastIndexOf('@') > uri.indexOf(':' + port)) {
                // The authority was cut at a raw '/' or '?' inside the user or password: the "port" comes before an
                // '@', so it may be part of the password, and is not shown.
                throw new InvalidConnectionStringException("invalid port in '" + maskRaw(uri)
                        + "': give a number from 1 to 65535; if the user or password contains @ : / ? # or %,"
                        + " percent-encode them (%40 %3A %2F %3F %23 %25) or give the password in PGPASSWORD or"
                        + " ~/.pgpass");
            }
            throw new InvalidConnectionStringException(
                    "invalid port '" + port + "' in '" + maskRaw(uri) + "': give a number from 1 to 65535");
        }
    }

    private static Map<String, String> parseQuery(String query, String uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConnectionStringException(
                        "malformed parameter '" + pair.replaceAll("(?i)password.*", "password=****") + "' in '"
                                + maskRaw(uri) + "': expected name=value");
            }
            params.put(decode(pair.substring(0, eq), uri), decode(pair.substring(eq + 1), uri));
        }
        return params;
    }

    private static String decode(String s, String uri) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidConnectionStringException(
                    "bad percent-encoding in '" + maskRaw(uri) + "': " + e.getMessage(), e);
        }
    }

    /** Masks a password in a raw string that failed to parse, so that even an error never shows it. */
    static String maskRaw(String raw) {
        String masked = raw.replaceAll("(?i)(password=)[^&]*", "$1****");
        // user:password@ ends at the last '@': a password may hold raw '@', '/' or '?' (which it should not, but
        // then the string does not parse and lands here). Masking too much is fine; showing a part is not.
        int scheme = masked.indexOf("://");
        int at = masked.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            int colon = masked.indexOf(':', scheme + 3);
            if (colon >= 0 && colon < at && masked.substring(scheme + 3, colon).matches("[^/@?]*")) {
                masked = masked.substring(0, colon + 1) + "****" + masked.substring(at);
            }
        }
        return masked;
    }
}
