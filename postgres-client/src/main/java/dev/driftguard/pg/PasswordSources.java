package dev.driftguard.pg;

import dev.driftguard.pg.ConnectionSpec.HostPort;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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
