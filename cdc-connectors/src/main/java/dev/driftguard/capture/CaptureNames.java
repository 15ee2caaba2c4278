package dev.driftguard.capture;

import dev.driftguard.avro.Side;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every name capture derives from a migration id and a side, in one place: the replication slot and publication
 * (PostgreSQL identifiers: {@code [a-z0-9_]}, at most 63 bytes), the Kafka topics and the connector name.
 *
 * <p>Migration ids may use letters, digits, {@code _}, {@code -} and {@code .}; PostgreSQL names lower-case them and
 * turn {@code -} and {@code .} into {@code _}, so two ids that differ only there map to the same slot. Prepare records
 * the exact id in the publication's comment and refuses a publication that belongs to another id.
 */
public record CaptureNames(String migration, Side side) {

    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int MAX_IDENTIFIER_LENGTH = 63;

    private static final Pattern MIGRATION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final String PREFIX = "dg_";

    public CaptureNames {
        Objects.requireNonNull(side, "side");
        if (migration == null || !MIGRATION_ID.matcher(migration).matches()) {
            throw new IllegalArgumentException("invalid migration id '" + migration
                    + "': use letters, digits, '_', '-' and '.', starting with a letter or digit (e.g. orders-2024)");
        }
        int longest = PREFIX.length() + migration.length() + 1 + "target".length();
        if (longest > MAX_IDENTIFIER_LENGTH) {
            throw new IllegalArgumentException(
                    "migration id '" + migration + "' is too long: the replication slot name "
                            + PREFIX
                            + "<migration>_<side> must fit PostgreSQL's 63-character limit, so the id may have at most "
                            + (migration.length() - (longest - MAX_IDENTIFIER_LENGTH)) + " characters");
        }
    }

    /** Parses {@code source} or {@code target} (any case). */
    public static Side parseSide(String text) {
        if (text != null) {
            for (Side side : Side.values()) {
                if (side.name().equalsIgnoreCase(text.trim())) {
                    return side;
                }
            }
        }
        throw new IllegalArgumentException("invalid side '" + text + "': use source or target");
    }

    /** {@code source} or {@code target}. */
    public String sideName() {
        return side.name().toLowerCase(Locale.ROOT);
    }

    /** The migration id as PostgreSQL identifiers carry it: lower case, {@code -} and {@code .} as {@code _}. */
    public String sanitizedMigration() {
        return migration.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** {@code dg_<migration>_<side>}: the logical replication slot. */
    public String slotName() {
        return PREFIX + sanitizedMigration() + "_" + sideName();
    }

    /** {@code dg_<migration>_<side>}: the publication (slots and publications live in separate namespaces). */
    public String publicationName() {
        return slotName();
    }

    /** {@code driftguard.<migration>.<side>}: the topic of this side's RowChange records. */
    public String topic() {
        return "driftguard." + migration + "." + sideName();
    }

    /** {@code driftguard.<migration>.<side>.offsets}: Debezium's offsets when they are kept in Kafka. */
    public String offsetsTopic() {
        return topic() + ".offsets";
    }

    /** The Debezium {@code topic.prefix} (only Debezium's own heartbeat topic uses it; records are re-routed). */
    public String debeziumTopicPrefix() {
        return slotName();
    }

    /** The Kafka Connect connector name and the embedded engine name: {@code driftguard-<migration>-<side>}. */
    public String connectorName() {
        return "driftguard-" + migration + "-" + sideName();
    }

    /** The text prepare writes into the publication's comment, so a publication names the migration it belongs to. */
    public String ownerComment() {
        return "driftguard migration=" + migration + " side=" + sideName();
    }
}
