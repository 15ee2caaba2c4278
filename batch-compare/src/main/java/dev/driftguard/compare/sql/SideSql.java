package dev.driftguard.compare.sql;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.schema.MappedColumn;
import dev.driftguard.compare.schema.TableMapping;
import dev.driftguard.row.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL batch compare runs against one side of one table. Identifiers are always quoted and every value is a bind
 * parameter; the only spliced text besides identifiers is the user's own --where predicate.
 *
 * <p>Both sides compute the same numbers from the same canonical values, whatever their physical types:
 *
 * <ul>
 *   <li>row hash: a 64-bit hash of every compared column's canonical value, chained in canonical-name order (each
 *       column's hash seeds the next), a NULL flipping the seed's lowest bit so that NULL and '' differ; summed per
 *       segment as numeric (exact), with the row count.
 *   <li>key hash: the same hash over the key columns; its low bits split a segment into buckets, so a mismatch is
 *       narrowed down in the same scan.
 * </ul>
 *
 * Texts are hashed under COLLATE "C": a non-deterministic column collation must not make different texts equal.
 */
public final class SideSql {

    private final TableMapping mapping;
    private final Side side;
    private final TableId table;
    private final SideColumns columns;
    private final SideHashes hashes;
    private final SideKeys keys;

    public SideSql(TableMapping mapping, Side side) {
        this.mapping = mapping;
        this.side = side;
        this.table = mapping.table();
        this.columns = new SideColumns(mapping, side);
        this.hashes = new SideHashes(columns);
        this.keys = new SideKeys(columns);
    }

    public Side side() {
        return side;
    }

    public TableMapping mapping() {
        return mapping;
    }

    private String physicalTable() {
        return mapping.on(side).id().quoted() + " AS r";
    }

    /** The 64-bit hash of the canonical row (never NULL). */
    String rowHash() {
        return hashes.rowHash();
    }

    /** The 64-bit hash of the key (never NULL for a non-NULL key). */
    String keyHash() {
        return hashes.keyHash();
    }

    /** The 64-bit hash of one column's value, NULL for NULL. */
    String columnHash(MappedColumn column) {
        return hashes.columnHash(column);
    }

    /**
     * Whether a key range on this side can be read through an index: every key column compared directly and a btree
     * index leading with the key columns (for text, with the collation the comparison uses).
     */
    public boolean keyRangeUsesIndex() {
        return keys.rangeUsesIndex();
    }

    /** {@code WHERE <range> AND (<filter>)}, or {@code WHERE true}. */
    private void appendWhere(SqlQuery.Builder q, KeyRange range) {
        q.sql(" WHERE true");
        if (range.lower() != null) {
            q.sql(" AND ");
            keys.appendBound(q, ">=", range.lower());
        }
        if (range.upper() != null) {
            q.sql(" AND ");
            keys.appendBound(q, "<", range.upper());
        }
        // A line break keeps a trailing "--" comment in the user's predicate from swallowing the parenthesis.
        mapping.rowFilter().ifPresent(filter -> q.sql(" AND (\n" + filter + "\n)"));
    }

    private void appendSlice(SqlQuery.Builder q, HashSlice slice) {
        if (slice.bits() > 0) {
            q.sql(" AND (" + keyHash() + " & ")
                    .param("?", slice.mask())
                    .sql(") = ")
                    .param("?", slice.value());
        }
    }

    /**
     * Per bucket of {@code slice} (split by the next {@code bucketBits} key-hash bits): bucket number, row count and
     * row-hash sum. Buckets without rows are absent.
     */
    public SqlQuery bucketChecksums(KeyRange range, HashSlice slice, int bucketBits) {
        SqlQuery.Builder q = new SqlQuery.Builder();
        String bucket;
        if (bucketBits == 0) {
            bucket = "0::int8";
        } else {
            String hash = slice.bits() == 0 ? keyHash() : "(" + keyHash() + " >> " + slice.bits() + ")";
            bucket = "(" + hash + " & " + ((1L << bucketBits) - 1) + ")";
        }
        q.sql("SELECT " + bucket + " AS dg_bucket, count(*) AS dg_rows, sum(" + rowHash() + ") AS dg_sum FROM "
                + physicalTable());
        appendWhere(q, range);
        appendSlice(q, slice);
        q.sql(" GROUP BY 1");
        return q.build();
    }

    /**
     * The rows of the given buckets (low {@code bits} key-hash bits equal to one of {@code buckets}): canonical key
     * texts in key order, then the hashes of the compared columns in canonical-name order (one int8[]). At most {@code limit} rows
     * if {@code limit > 0}.
     */
    public SqlQuery bucketRows(KeyRange range, int bits, long[] buckets, long limit) {
        SqlQuery.Builder q = new SqlQuery.Builder();
        q.sql("SELECT " + rowHashColumns() + " FROM " + physicalTable());
        appendWhere(q, range);
        if (bits > 0) {
            // The bucket numbers are ours, not data: written as a constant array, the planner matches them by hash
            // lookup rather than one comparison per bucket and row.
            StringBuilder array = new StringBuilder("'{");
            for (int i = 0; i < buckets.length; i++) {
                array.append(i == 0 ? "" : ",").append(buckets[i]);
            }
            q.sql(" AND (" + keyHash() + " & " + ((1L << bits) - 1) + ") = ANY (" + array + "}'::int8[])");
        }
        if (limit > 0) {
            q.sql(" LIMIT ").param("?", limit);
        }
        return q.build();
    }

    /**
     * Key texts, then the column hashes as one int8[]: one target entry for all columns, so that a table of up to
     * PostgreSQL's 1600 columns stays within its 1664 target entries however many columns it has.
     */
    private String rowHashColumns() {
        List<String> select = new ArrayList<>();
        mapping.key().forEach(k -> select.add(columns.canonical(k)));
        select.add("ARRAY["
                + String.join(
                        ", ", mapping.columns().stream().map(this::columnHash).toList()) + "]::int8[]");
        return String.join(", ", select);
    }

    /**
     * The rows with the given canonical keys: key texts, column hashes, then (unless {@code hashesOnly}) each column's
     * canonical text cut to {@code valueLimit + 1} characters (so a longer value shows it was cut), as one text[].
     */
    public SqlQuery rowsByKey(List<List<String>> keys, boolean hashesOnly, int valueLimit) {
        SqlQuery.Builder q = new SqlQuery.Builder();
        q.sql("SELECT " + rowHashColumns());
        if (!hashesOnly) {
            q.sql(", ARRAY["
                    + String.join(
                            ", ",
                            mapping.columns().stream()
                                    .map(c -> "left(" + columns.canonical(c) + ", " + (valueLimit + 1) + ")")
                                    .toList())
                    + "]::text[]");
        }
        q.sql(" FROM " + physicalTable() + " WHERE (");
        List<MappedColumn> key = mapping.key();
        q.sql(String.join(", ", key.stream().map(columns::ref).toList())).sql(") IN (VALUES ");
        for (int k = 0; k < keys.size(); k++) {
            q.sql(k == 0 ? "(" : ", (");
            for (int i = 0; i < key.size(); i++) {
                q.sql(i == 0 ? "" : ", ")
                        .param(this.keys.lookupParam(key.get(i)), keys.get(k).get(i));
            }
            q.sql(")");
        }
        q.sql(")");
        mapping.rowFilter().ifPresent(filter -> q.sql(" AND (\n" + filter + "\n)"));
        return q.build();
    }

    /**
     * About {@code segments - 1} key values splitting a sample of {@code percent}% of the table's pages into equal
     * parts, in key order (canonical key texts).
     */
    public SqlQuery sampleBoundaries(double percent, int segments) {
        List<MappedColumn> key = mapping.key();
        List<String> inner = new ArrayList<>();
        List<String> outer = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            String alias = "dg_k" + i;
            inner.add(columns.ref(key.get(i)) + " AS " + alias);
            outer.add(columns.canonical(key.get(i), "s." + alias));
        }
        SqlQuery.Builder q = new SqlQuery.Builder();
        q.sql("SELECT " + String.join(", ", outer) + " FROM (SELECT " + String.join(", ", inner)
                + ", row_number() OVER (ORDER BY "
                + keys.orderList()
                + ") AS dg_rn, count(*) OVER () AS dg_n FROM "
                + mapping.on(side).id().quoted()
                + " AS r TABLESAMPLE SYSTEM (");
        q.param("?", percent).sql(") REPEATABLE (0)");
        appendWhere(q, KeyRange.ALL);
        q.sql(") AS s WHERE (s.dg_rn * ")
                .param("?", (long) segments)
                .sql(") / s.dg_n <> ((s.dg_rn - 1) * ")
                .param("?", (long) segments)
                .sql(") / s.dg_n AND (s.dg_rn * ")
                .param("?", (long) segments)
                .sql(") / s.dg_n < ")
                .param("?", (long) segments)
                .sql(" ORDER BY s.dg_rn");
        return q.build();
    }

    /** The number of rows (after the row filter). */
    public SqlQuery count() {
        SqlQuery.Builder q = new SqlQuery.Builder();
        q.sql("SELECT count(*) FROM " + physicalTable());
        appendWhere(q, KeyRange.ALL);
        return q.build();
    }

    /** The number of rows with a NULL in a key column (a declared key need not be NOT NULL). */
    public SqlQuery nullKeyCount() {
        SqlQuery.Builder q = new SqlQuery.Builder();
        q.sql("SELECT count(*) FROM " + physicalTable());
        appendWhere(q, KeyRange.ALL);
        q.sql(" AND ("
                + String.join(
                        " OR ",
                        mapping.key().stream()
                                .map(k -> columns.ref(k) + " IS NULL")
                                .toList()) + ")");
        return q.build();
    }

    /**
     * One key value that more than one row holds (canonical key texts), if any: grouped by the canonical texts byte by
     * byte, since rows are matched by those texts.
     */
    public SqlQuery duplicateKey() {
        List<String> texts = new ArrayList<>();
        mapping.key().forEach(k -> texts.add("(" + columns.canonical(k) + ")::text" + SideColumns.COLLATE_C));
        SqlQuery.Builder q = new SqlQuery.Builder();
        q.sql("SELECT " + String.join(", ", texts) + " FROM " + physicalTable());
        appendWhere(q, KeyRange.ALL);
        q.sql(" GROUP BY " + String.join(", ", texts) + " HAVING count(*) > 1 LIMIT 1");
        return q.build();
    }

    /** Whether this side has a unique index on key columns, so that no key value can repeat. */
    public boolean keyUnique() {
        List<String> names = mapping.key().stream().map(k -> k.on(side).name()).toList();
        return mapping.on(side).indexes().stream()
                .anyMatch(i -> i.uniqueKey() && !i.columns().isEmpty() && names.containsAll(i.columns()));
    }

    /** Whether any key column may hold NULL on this side. */
    public boolean keyNullable() {
        return mapping.key().stream().anyMatch(k -> !k.on(side).notNull());
    }

    @Override
    public String toString() {
        return side + " " + table;
    }
}
