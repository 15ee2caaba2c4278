package dev.driftguard.pg;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how to connect to one PostgreSQL database, parsed once from a libpq URI
 * ({@code postgresql://user:pw@host:port/db?sslmode=require}) or a pgjdbc URL ({@code jdbc:postgresql://...}).
 *
 * <p>The password is resolved like libpq does (URI, then {@code PGPASSWORD}, then the password file) and never appears
 * in {@link #toString()}, {@link #jdbcUrl()} or any message: only {@link #jdbcProperties()} carries it.
 */
public final class ConnectionSpec {

    private final List<HostPort> hosts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> properties;

    ConnectionSpec(
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
        return ConnectionStringParser.parse(connectionString, sources);
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
        return ConnectionRendering.jdbcUrl(hosts, database);
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
        return ConnectionRendering.libpqConninfo(host(), port(), database, user, password, properties.get("sslmode"));
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
        return ConnectionRendering.masked(hosts, database, user, password != null, properties);
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
}
