package dev.driftguard.validator.detect;

import dev.driftguard.avro.Side;
import java.util.Arrays;
import java.util.Objects;

/**
 * A captured change as it travels from a source reader to the detector: the detector key (computed once), the
 * table, the key's column names, the side and the {@link SideVersion}. Much cheaper to ship between operators than
 * the Avro {@code RowChange} it is made from ({@link ToChangeEvent}).
 */
public final class ChangeEvent {

    final String key;
    final String schema;
    final String table;
    final String[] keyColumns;
    final Side side;
    final SideVersion version;

    ChangeEvent(String key, String schema, String table, String[] keyColumns, Side side, SideVersion version) {
        this.key = Objects.requireNonNull(key, "key");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.table = Objects.requireNonNull(table, "table");
        this.keyColumns = Objects.requireNonNull(keyColumns, "keyColumns");
        this.side = Objects.requireNonNull(side, "side");
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The detector key: {@link DetectorKey} of table and row key. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangeEvent other
                && key.equals(other.key)
                && schema.equals(other.schema)
                && table.equals(other.table)
                && Arrays.equals(keyColumns, other.keyColumns)
                && side == other.side
                && version.equals(other.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, side, version);
    }

    @Override
    public String toString() {
        return side + " " + schema + "." + table + " " + key.substring(key.lastIndexOf('\0') + 1) + " " + version;
    }
}
