package dev.driftguard.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionSpecTest {

    private static final PasswordSources NO_SOURCES = PasswordSources.of(null, null, "alice");

    @Test
    void parsesLibpqUriWithPasswordAndSslmode() {
        ConnectionSpec spec = ConnectionSpec.parse(
                "postgresql://app:s%40cret@db.example.com:6432/orders?sslmode=require&application_name=dg", NO_SOURCES);

        assertThat(spec.host()).isEqualTo("db.example.com");
        assertThat(spec.port()).isEqualTo(6432);
        assertThat(spec.database()).isEqualTo("orders");
        assertThat(spec.user()).isEqualTo("app");
        assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6432/orders");
        assertThat(spec.jdbcProperties())
                .containsEntry("password", "s@cret")
                .containsEntry("sslmode", "require")
                .containsEntry("ApplicationName", "dg");
    }

    @Test
    void neverShowsThePassword() {
        ConnectionSpec spec = ConnectionSpec.parse("postgresql://app:hunter2@h/db?sslpassword=keypw", NO_SOURCES);

        assertThat(spec.toString())
                .doesNotContain("hunter2")
                .doesNotContain("keypw")
                .contains("app:****@h:5432/db");
        assertThat(spec.jdbcUrl()).doesNotContain("hunter2");
    }

    @Test
    void parsesJdbcUrlWithDriverProperties() {
        ConnectionSpec spec = ConnectionSpec.parse(
                "jdbc:postgresql://10.0.0.1:5433/app?user=bob&password=pw&prepareThreshold=0", NO_SOURCES);

        assertThat(spec.user()).isEqualTo("bob");
        assertThat(spec.port()).isEqualTo(5433);
        assertThat(spec.jdbcProperties()).containsEntry("password", "pw").containsEntry("prepareThreshold", "0");
        assertThat(spec.toString()).doesNotContain("pw&").contains("bob:****@");
    }

    @Test
    void defaultsLikeLibpq() {
        ConnectionSpec spec = ConnectionSpec.parse("postgresql://", NO_SOURCES);

        assertThat(spec.host()).isEqualTo("localhost");
        assertThat(spec.port()).isEqualTo(5432);
        assertThat(spec.user()).isEqualTo("alice");
        assertThat(spec.database()).isEqualTo("alice");
        assertThat(spec.hasPassword()).isFalse();
    }

    @Test
    void multipleHostsAndIpv6() {
        ConnectionSpec spec = ConnectionSpec.parse("postgresql://u@[::1]:5433,other:5434/d", NO_SOURCES);

        assertThat(spec.hosts())
                .containsExactly(new ConnectionSpec.HostPort("::1", 5433), new ConnectionSpec.HostPort("other", 5434));
        assertThat(spec.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433,other:5434/d");
    }

    @Test
    void passwordFromPgpasswordThenPgpassFile(@TempDir Path dir) throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "# comment\nother:*:*:*:nope\nlocalhost:5432:db:u:from\\:file\n*:*:*:*:fallback\n");

        ConnectionSpec fromFile =
                ConnectionSpec.parse("postgresql://u@127.0.0.1/db", PasswordSources.of(null, pgpass, "x"));
        ConnectionSpec fromEnv =
                ConnectionSpec.parse("postgresql://u@127.0.0.1/db", PasswordSources.of("env", pgpass, "x"));
        ConnectionSpec fromWildcard =
                ConnectionSpec.parse("postgresql://u@db2:5432/db", PasswordSources.of(null, pgpass, "x"));
        ConnectionSpec fromUri =
                ConnectionSpec.parse("postgresql://u:uri@127.0.0.1/db", PasswordSources.of("env", pgpass, "x"));

        assertThat(fromFile.jdbcProperties()).containsEntry("password", "from:file");
        assertThat(fromEnv.jdbcProperties()).containsEntry("password", "env");
        assertThat(fromWildcard.jdbcProperties()).containsEntry("password", "fallback");
        assertThat(fromUri.jdbcProperties()).containsEntry("password", "uri");
    }

    @Test
    void rejectsWhatItCannotUseWithAnActionableMessage() {
        assertThatThrownBy(() -> ConnectionSpec.parse("mysql://u:secret@h/db", NO_SOURCES))
                .isInstanceOf(InvalidConnectionStringException.class)
                .hasMessageContaining("postgresql://")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ConnectionSpec.parse("postgresql://u:secret@h:99999/db", NO_SOURCES))
                .hasMessageContaining("invalid port '99999'")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ConnectionSpec.parse("postgresql://u@h/db?bogus=1", NO_SOURCES))
                .hasMessageContaining("unsupported parameter 'bogus'");
        assertThatThrownBy(() -> ConnectionSpec.parse("postgresql://u@h/db?host=/var/run/postgresql", NO_SOURCES))
                .hasMessageContaining("unix-domain socket");
        assertThatThrownBy(() -> ConnectionSpec.parse("  ", NO_SOURCES)).hasMessageContaining("empty");
    }

    @Test
    void noPartOfAPasswordWithRawReservedCharactersIsEverShown() {
        assertThatThrownBy(() -> ConnectionSpec.parse("postgresql://app:w0?Zq@db.example/app", NO_SOURCES))
                .isInstanceOf(InvalidConnectionStringException.class)
                .hasMessageStartingWith("'postgresql://app:****@db.example/app' has a raw '@' after the host")
                .hasMessageContaining("percent-encode them (%40 %3A %2F %3F %23 %25)")
                .hasMessageNotContaining("w0")
                .hasMessageNotContaining("Zq");
        assertThatThrownBy(() -> ConnectionSpec.parse("postgresql://app:p@Xy:w0rd@db.example:5432x/app", NO_SOURCES))
                .hasMessageStartingWith("invalid port '5432x' in 'postgresql://app:****@db.example:5432x/app'")
                .hasMessageNotContaining("Xy")
                .hasMessageNotContaining("w0rd");
        assertThatThrownBy(() -> ConnectionSpec.parse("postgresql://app:s3cr@t/pa55@db.example:5432/app", NO_SOURCES))
                .isInstanceOf(InvalidConnectionStringException.class)
                .hasMessageStartingWith("'postgresql://app:****@db.example:5432/app' has a raw '@' after the host")
                .hasMessageNotContaining("s3cr")
                .hasMessageNotContaining("pa55");
    }

    @Test
    void anUnclosedIpv6BracketIsNamedNotAnIndexError() {
        assertThatThrownBy(() -> ConnectionSpec.parse("postgresql://u@[::1/db", NO_SOURCES))
                .isInstanceOf(InvalidConnectionStringException.class)
                .hasMessage("the IPv6 address in 'postgresql://u@[::1/db' has no closing ']': write it as [address]"
                        + " or [address]:port");
    }

    @Test
    void libpqConninfoQuotesValues() {
        ConnectionSpec spec = ConnectionSpec.parse("postgresql://u:it's@h:5/d", NO_SOURCES);

        assertThat(spec.libpqConninfo()).isEqualTo("host='h' port=5 dbname='d' user='u' password='it\\'s'");
    }

    @Test
    void withDatabaseKeepsCredentials() {
        ConnectionSpec spec =
                ConnectionSpec.parse("postgresql://u:p@h/d", NO_SOURCES).withDatabase("postgres");

        assertThat(spec.database()).isEqualTo("postgres");
        assertThat(spec.jdbcProperties()).containsEntry("password", "p");
    }
}
