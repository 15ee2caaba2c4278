package dev.driftguard.stack;

import java.util.Locale;

/** Where {@link LocalPostgres} takes its server binaries (initdb, pg_ctl, postgres) from. */
public enum BinariesSource {
    /**
     * An explicit directory ({@code driftguard.postgres.bin} / {@code DRIFTGUARD_PG_BIN}) if given, else the system's
     * installation, else the Maven artifact.
     */
    AUTO,
    /** The system's installation only: {@code /usr/lib/postgresql/<highest>/bin} or {@code pg_config --bindir}. */
    SYSTEM,
    /** The io.zonky.test.postgres binaries on the classpath, extracted once into a shared cache. */
    ARTIFACT;

    static BinariesSource parse(String value, String origin) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LocalStackException(
                    origin + "='" + value + "' is not a binaries source: use auto, system or artifact", e);
        }
    }
}
