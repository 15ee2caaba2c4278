package dev.driftguard.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings that several commands take, declared once; a command may word the description its own way ({@link
 * Setting#describedAs}) or require one ({@link Setting#asRequired}), never change its key, type or checks.
 */
public final class CommonSettings {

    /** Migration ids become Kafka topic names and transactional id prefixes, so they use Kafka's topic alphabet. */
    private static final Pattern MIGRATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public static final Setting<String> MIGRATION = Setting.text("migration", "ID")
            .description("The migration id (letters, digits, _ - .): it names the topics, slots and audit rows.")
            .check(
                    id -> MIGRATION_ID.matcher(id).matches(),
                    "must be 1-100 characters of [A-Za-z0-9._-] starting with a letter or digit (it names Kafka"
                            + " topics)")
            .build();

    public static final Setting<String> KAFKA = Setting.text("kafka", "HOST:PORT[,...]")
            .description("Kafka bootstrap servers.")
            .check(servers -> !servers.isBlank(), "must name host:port[,host:port]")
            .build();

    public static final Setting<ClientProperties> KAFKA_CONFIG = Setting.of(
                    "kafka-config",
                    ClientProperties.class,
                    "FILE",
                    text -> ClientProperties.load(Path.of(text)),
                    c -> c.toString())
            .description("Kafka client properties (security.protocol, sasl.*, ssl.* for TLS, SASL, MSK or Confluent"
                    + " Cloud), secrets as ${env:NAME}; used by every Kafka client the command creates.")
            .build();

    public static final Setting<String> AUDIT_DB = Setting.text("audit-db", "URI")
            .description("The audit store: postgresql://user@host:port/db or a jdbc:postgresql:// URI.")
            .build();

    public static final Setting<Duration> RUN_FOR = Setting.duration("for")
            .description("Stop by itself after this long (e.g. 30s, 10m). Without it: run until Ctrl-C.")
            .atLeast(Duration.ofMillis(1))
            .build();

    private CommonSettings() {}
}
