package dev.driftguard.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to start a {@link LocalPostgres}. {@link #builder()} starts from the system properties/environment:
 *
 * <ul>
 *   <li>{@code driftguard.postgres.binaries} / {@code DRIFTGUARD_PG_BINARIES}: {@code auto} (default),
 *       {@code system} or {@code artifact};
 *   <li>{@code driftguard.postgres.bin} / {@code DRIFTGUARD_PG_BIN}: an explicit bin directory (used by
 *       {@code auto}).
 * </ul>
 */
public final class LocalPostgresOptions {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,19}");
    private static final Pattern SETTING = Pattern.compile("[a-z_][a-z0-9_.]*");

    private final String name;
    private final BinariesSource binaries;
    private final Path explicitBinDir;
    private final Path baseDir;
    private final Map<String, String> settings;
    private final Duration startTimeout;

    private LocalPostgresOptions(Builder b) {
        this.name = b.name;
        this.binaries = b.binaries;
        this.explicitBinDir = b.explicitBinDir;
        this.baseDir = b.baseDir;
        this.settings = Map.copyOf(b.settings);
        this.startTimeout = b.startTimeout;
    }

    public static LocalPostgresOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.binaries = binaries;
        b.explicitBinDir = explicitBinDir;
        b.baseDir = baseDir;
        b.settings.putAll(settings);
        b.startTimeout = startTimeout;
        return b;
    }

    public String name() {
        return name;
    }

    public BinariesSource binaries() {
        return binaries;
    }

    /** The explicit bin directory, or null. */
    public Path explicitBinDir() {
        return explicitBinDir;
    }

    public Path baseDir() {
        return baseDir;
    }

    /** Extra server settings that override the defaults. */
    public Map<String, String> settings() {
        return settings;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    /** Every server setting written to the cluster's configuration: the defaults overlaid with {@link #settings()}. */
    Map<String, String> serverSettings(int port, Path dataDir) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("listen_addresses", "127.0.0.1");
        s.put("port", Integer.toString(port));
        s.put("unix_socket_directories", dataDir.toString());
        s.put("max_connections", "200");
        s.put("shared_buffers", "128MB");
        s.put("wal_level", "logical");
        s.put("max_wal_senders", "32");
        s.put("max_replication_slots", "32");
        // Every subscription needs an apply worker plus table-sync workers during its initial copy.
        s.put("max_worker_processes", "40");
        s.put("max_logical_replication_workers", "24");
        s.put("max_sync_workers_per_subscription", "4");
        // Subscribers report their applied position every second instead of every 10 s (awaitCaughtUp).
        s.put("wal_receiver_status_interval", "1s");
        s.put("track_commit_timestamp", "on");
        s.put("fsync", "off");
        s.put("synchronous_commit", "off");
        s.put("full_page_writes", "off");
        s.put("timezone", "UTC");
        s.put("log_timezone", "UTC");
        s.put("log_min_messages", "warning");
        s.putAll(settings);
        return s;
    }

    @Override
    public String toString() {
        return "LocalPostgresOptions[name=" + name + ", binaries=" + binaries
                + (explicitBinDir != null ? ", bin=" + explicitBinDir : "") + ", baseDir=" + baseDir
                + ", settings=" + settings + ", startTimeout=" + startTimeout + "]";
    }

    /** Collects options; {@link #build()} validates them once. */
    public static final class Builder {
        private String name = "postgres";
        private BinariesSource binaries;
        private Path explicitBinDir;
        private Path baseDir;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
            String source = firstOf("driftguard.postgres.binaries", "DRIFTGUARD_PG_BINARIES");
            this.binaries = source == null
                    ? BinariesSource.AUTO
                    : BinariesSource.parse(source, "driftguard.postgres.binaries/DRIFTGUARD_PG_BINARIES");
            String bin = firstOf("driftguard.postgres.bin", "DRIFTGUARD_PG_BIN");
            this.explicitBinDir = bin == null || bin.isBlank() ? null : Path.of(bin);
            this.baseDir = defaultBaseDir();
        }

        private static String firstOf(String property, String env) {
            String value = System.getProperty(property);
            return value != null ? value : System.getenv(env);
        }

        private static Path defaultBaseDir() {
            return ServerOsUser.isRoot()
                    ? Path.of("/tmp/driftguard-pg")
                    : Path.of("/tmp/driftguard-pg-" + System.getProperty("user.name"));
        }

        /** A short label used in directory names and logs ({@code [a-z][a-z0-9_]{0,19}}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder binaries(BinariesSource binaries) {
            this.binaries = binaries;
            return this;
        }

        /** Use the programs in {@code binDir} (and binaries {@link BinariesSource#AUTO}). */
        public Builder binDir(Path binDir) {
            this.explicitBinDir = binDir;
            this.binaries = BinariesSource.AUTO;
            return this;
        }

        /** Where instance directories are created and orphans looked for (default /tmp/driftguard-pg). */
        public Builder baseDir(Path baseDir) {
            this.baseDir = baseDir;
            return this;
        }

        /** A server setting ({@code postgresql.conf} name and value) overriding the default. */
        public Builder setting(String name, String value) {
            this.settings.put(name, value);
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public LocalPostgresOptions build() {
            Objects.requireNonNull(binaries, "binaries");
            Objects.requireNonNull(baseDir, "baseDir");
            Objects.requireNonNull(startTimeout, "startTimeout");
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("LocalPostgres name '" + name
                        + "' is invalid: use 1-20 characters a-z, 0-9, _ starting with a letter");
            }
            if (!baseDir.isAbsolute()) {
                throw new IllegalArgumentException("LocalPostgres baseDir '" + baseDir + "' must be absolute");
            }
            if (startTimeout.isNegative() || startTimeout.toSeconds() < 1) {
                throw new IllegalArgumentException(
                        "LocalPostgres startTimeout " + startTimeout + " must be at least one second");
            }
            settings.forEach((setting, value) -> {
                if (!SETTING.matcher(setting).matches() || value == null) {
                    throw new IllegalArgumentException("server setting '" + setting + "' = '" + value
                            + "' is invalid: use a postgresql.conf parameter name and a non-null value");
                }
            });
            return new LocalPostgresOptions(this);
        }
    }
}
