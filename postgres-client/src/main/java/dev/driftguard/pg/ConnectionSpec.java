package dev.driftguard.pg;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where and how to connect to one PostgreSQL database, parsed once from a libpq URI
 * ({@code postgresql://user:pw@host:port/db?sslmode=require}) or a pgjdbc URL ({@code jdbc:postgresql://...}).
 *
 * <p>The password is resolved like libpq does (URI, then {@code PGPASSWORD}, then the password file) and never appears
 * in {@link #toString()}, {@link #jdbcUrl()} or any message: only {@link #jdbcProperties()} carries it.
 */
public final class ConnectionSpec {

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

    private final List<HostPort> hosts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> properties;

    private ConnectionSpec(
            List<HostPort> hosts, String database, String user, String password, Map<String, String> properties) {
        this.hosts = List.copyOf(hosts);
        this.database = database;
        this.user = user;
        this.password = password;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** One host of a (possibly multi-host) connection string. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** Parses with the real environment: {@code PGPASSWORD}, {@code PGUSER}, {@code PGPASSFILE}, {@code ~/.pgpass}. */
    public static ConnectionSpec parse(String connectionString) {
        return parse(connectionString, PasswordSources.fromEnvironment());
    }

    public static ConnectionSpec parse(String connectionString, PasswordSources sources) {
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
        List<HostPort> hosts = parseHosts(rest, params.remove("port"), uri);
        String hostParam = params.remove("host");
        if (hostParam != null) {
            if (hostParam.startsWith("/")) {
                throw new InvalidConnectionStringException("unix-domain socket host '" + hostParam + "' in '"
                        + maskRaw(uri) + "' is not supported by the JDBC driver: connect over TCP (host=127.0.0.1)");
            }
            hosts = parseHosts(hostParam, null, uri);
        }
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
        Map<String, String> props = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (jdbc) {
                props.put(p.getKey(), p.getValue());
            } else {
                String jdbcName = LIBPQ_TO_JDBC.get(p.getKey());
                if (jdbcName == null) {
                    throw new InvalidConnectionStringException("unsupported parameter '" + p.getKey() + "' in '"
                            + maskRaw(uri) + "'; supported libpq parameters: "
                            + String.join(", ", new java.util.TreeSet<>(LIBPQ_TO_JDBC.keySet()))
                            + " (or use a jdbc:postgresql:// URL for driver-specific properties)");
                }
                props.put(jdbcName, translateValue(p.getKey(), p.getValue()));
            }
        }
        if (password == null) {
            password = sources.lookup(hosts.get(0), database, user).orElse(null);
        }
        return new ConnectionSpec(hosts, database, user, password, props);
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

    private static List<HostPort> parseHosts(String hostList, String portParam, String uri) {
        List<HostPort> hosts = new ArrayList<>();
        String list = hostList.isEmpty() ? "localhost" : hostList;
        for (String entry : list.split(",")) {
            String host = entry;
            String port = portParam;
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
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
        return raw.replaceAll("(://[^:/@?]*:)[^@/?]*@", "$1****@").replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    public List<HostPort> hosts() {
        return hosts;
    }

    public String host() {
        return hosts.get(0).host();
    }

    public int port() {
        return hosts.get(0).port();
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** Driver properties (without user and password). */
    public Map<String, String> properties() {
        return properties;
    }

    /** The same server and credentials, another database (for creating or listing databases). */
    public ConnectionSpec withDatabase(String otherDatabase) {
        return new ConnectionSpec(hosts, Objects.requireNonNull(otherDatabase), user, password, properties);
    }

    /** The same connection with an extra driver property (e.g. {@code replication=database}). */
    public ConnectionSpec withProperty(String name, String value) {
        Map<String, String> props = new LinkedHashMap<>(properties);
        props.put(name, value);
        return new ConnectionSpec(hosts, database, user, password, props);
    }

    /** A pgjdbc URL with no credentials in it; pair it with {@link #jdbcProperties()}. */
    public String jdbcUrl() {
        StringBuilder sb = new StringBuilder("jdbc:postgresql://");
        for (int i = 0; i < hosts.size(); i++) {
            sb.append(i > 0 ? "," : "").append(hosts.get(i));
        }
        return sb.append('/').append(urlEncode(database)).toString();
    }

    /** User, password (if any) and driver properties for {@link DriverManager#getConnection(String, Properties)}. */
    public Properties jdbcProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** A libpq keyword/value string for PostgreSQL itself (e.g. CREATE SUBSCRIPTION ... CONNECTION). */
    public String libpqConninfo() {
        StringBuilder sb = new StringBuilder();
        sb.append("host=").append(quoteConninfo(host()));
        sb.append(" port=").append(port());
        sb.append(" dbname=").append(quoteConninfo(database));
        sb.append(" user=").append(quoteConninfo(user));
        if (password != null) {
            sb.append(" password=").append(quoteConninfo(password));
        }
        Optional.ofNullable(properties.get("sslmode"))
                .ifPresent(m -> sb.append(" sslmode=").append(quoteConninfo(m)));
        return sb.toString();
    }

    private static String quoteConninfo(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Opens a connection. A failure names the (masked) target, the SQLState and what to do about it.
     *
     * @throws DatabaseAccessException when the server cannot be reached or refuses the connection
     */
    public Connection connect() {
        try {
            return DriverManager.getConnection(jdbcUrl(), jdbcProperties());
        } catch (SQLException e) {
            throw new DatabaseAccessException("cannot connect to " + this + ": " + PgErrors.explain(e), e);
        }
    }

    /** A libpq URI with the password masked: safe for logs, messages and reports. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("postgresql://").append(user);
        if (password != null) {
            sb.append(":****");
        }
        sb.append('@');
        for (int i = 0; i < hosts.size(); i++) {
            sb.append(i > 0 ? "," : "").append(hosts.get(i));
        }
        sb.append('/').append(database);
        String sep = "?";
        for (Map.Entry<String, String> p : properties.entrySet()) {
            boolean secret = p.getKey().toLowerCase(java.util.Locale.ROOT).contains("password");
            sb.append(sep).append(p.getKey()).append('=').append(secret ? "****" : p.getValue());
            sep = "&";
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSpec c
                && hosts.equals(c.hosts)
                && database.equals(c.database)
                && user.equals(c.user)
                && Objects.equals(password, c.password)
                && properties.equals(c.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hosts, database, user);
    }

    /** Where passwords and the default user come from when the connection string does not say. */
    public interface PasswordSources {
        Optional<String> lookup(HostPort host, String database, String user);

        String defaultUser();

        static PasswordSources fromEnvironment() {
            Map<String, String> env = System.getenv();
            String passFile = env.get("PGPASSFILE");
            Path pgpass = passFile != null ? Path.of(passFile) : Path.of(System.getProperty("user.home"), ".pgpass");
            return of(env.get("PGPASSWORD"), pgpass, env.getOrDefault("PGUSER", System.getProperty("user.name")));
        }

        static PasswordSources of(String pgPassword, Path pgpassFile, String defaultUser) {
            return new PasswordSources() {
                @Override
                public Optional<String> lookup(HostPort host, String database, String user) {
                    if (pgPassword != null && !pgPassword.isEmpty()) {
                        return Optional.of(pgPassword);
                    }
                    return PgPassFile.lookup(pgpassFile, host, database, user);
                }

                @Override
                public String defaultUser() {
                    return defaultUser;
                }
            };
        }
    }
}
