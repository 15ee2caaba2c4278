package dev.driftguard.compare.sql;

import dev.driftguard.compare.schema.MappedColumn;
import dev.driftguard.row.TypeFamily;
import java.util.List;

/** The 64-bit hash expressions of one side: row, key and column hashes over canonical values (see {@link SideSql}). */
final class SideHashes {

    private final SideColumns columns;

    SideHashes(SideColumns columns) {
        this.columns = columns;
    }

    /** The 64-bit hash of the canonical row (never NULL). */
    String rowHash() {
        String hash = "0::int8";
        List<MappedColumn> all = columns.mapping().columns();
        for (int i = all.size() - 1; i >= 0; i--) {
            MappedColumn column = all.get(i);
            if (columns.on(column).notNull()) {
                hash = valueHash(column, hash, false);
            } else {
                hash = valueHash(
                        column,
                        "(" + hash + ") # CASE WHEN " + columns.ref(column) + " IS NULL THEN 1::int8 ELSE 0::int8 END",
                        true);
            }
        }
        return hash;
    }

    /** The 64-bit hash of the key (never NULL for a non-NULL key). */
    String keyHash() {
        String hash = "0::int8";
        List<MappedColumn> key = columns.mapping().key();
        for (int i = key.size() - 1; i >= 0; i--) {
            hash = valueHash(key.get(i), hash, false);
        }
        return hash;
    }

    /** The 64-bit hash of one column's value, NULL for NULL. */
    String columnHash(MappedColumn column) {
        return valueHash(column, "0::int8", false);
    }

    /**
     * A seeded 64-bit hash of a column's canonical value. Integers hash as int8 and uuids natively: their canonical
     * text is a fixed function of that value (the same for int2, int4 and int8), and hashing it directly saves the
     * text conversion; char(n) hashes like its canonical text without converting (see below). Other types hash their
     * canonical text. With {@code nullAsEmpty} a NULL hashes like the empty
     * value (the caller marks NULLs in the seed); otherwise the hash of NULL is NULL.
     */
    private String valueHash(MappedColumn column, String seed, boolean nullAsEmpty) {
        TypeFamily family = column.typeOn(columns.side()).family();
        String ref = columns.ref(column);
        if (family == TypeFamily.INTEGER) {
            String value = "(" + ref + ")::int8";
            return "hashint8extended(" + (nullAsEmpty ? "coalesce(" + value + ", 0)" : value) + ", " + seed + ")";
        }
        if (family == TypeFamily.UUID) {
            return "uuid_hash_extended("
                    + (nullAsEmpty ? "coalesce(" + ref + ", '00000000-0000-0000-0000-000000000000'::uuid)" : ref)
                    + ", " + seed + ")";
        }
        if (family == TypeFamily.TEXT && columns.baseTypeName(column).equals("bpchar")) {
            // hashbpcharextended hashes the bytes before the trailing spaces, which is what hashtextextended of the
            // canonical text (the value without its trailing spaces) hashes, without building that text per row.
            return "hashbpcharextended(" + (nullAsEmpty ? "coalesce(" + ref + ", '')" : ref) + SideColumns.COLLATE_C
                    + ", " + seed + ")";
        }
        String text = "(" + columns.canonical(column) + ")";
        return "hashtextextended(" + (nullAsEmpty ? "coalesce(" + text + ", '')" : text) + SideColumns.COLLATE_C + ", "
                + seed + ")";
    }
}
