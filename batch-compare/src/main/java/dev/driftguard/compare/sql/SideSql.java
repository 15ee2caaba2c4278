package dev.driftguard.compare.sql;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.schema.ColumnInfo;
import dev.driftguard.compare.schema.MappedColumn;
import dev.driftguard.compare.schema.TableMapping;
import dev.driftguard.pg.PgIdentifiers;
import dev.driftguard.row.ColumnType;
import dev.driftguard.row.TableId;
import dev.driftguard.row.TypeFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    private static final String C = " COLLATE \"C\"";
    private static final Set<String> DIRECT_TEXT_TYPES = Set.of("text", "varchar", "bpchar", "name");

    private final TableMapping mapping;
    private final Side side;
    private final TableId table;

    public SideSql(TableMapping mapping, Side side) {
        this.mapping = mapping;
        this.side = side;
        this.table = mapping.table();
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

    private String ref(MappedColumn column) {
        return "r." + PgIdentifiers.quote(column.on(side).name());
    }

    /** The canonical text of {@code column} (NULL for NULL). */
    String canonical(MappedColumn column, String columnRef) {
        return column.typeOn(side).sqlExpression(columnRef);
    }

    String canonical(MappedColumn column) {
        return canonical(column, ref(column));
    }

    /** The 64-bit hash of the canonical row (never NULL). */
    String rowHash() {
        String hash = "0::int8";
        List<MappedColumn> columns = mapping.columns();
        for (int i = columns.size() - 1; i >= 0; i--) {
            MappedColumn column = columns.get(i);
            if (column.on(side).notNull()) {
                hash = valueHash(column, hash, false);
            } else {
                hash = valueHash(
                        column,
                        "(" + hash + ") # CASE WHEN " + ref(column) + " IS NULL THEN 1::int8 ELSE 0::int8 END",
                        true);
            }
        }
        return hash;
    }

    /** The 64-bit hash of the key (never NULL for a non-NULL key). */
    String keyHash() {
        String hash = "0::int8";
        List<MappedColumn> key = mapping.key();
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
        TypeFamily family = column.typeOn(side).family();
        if (family == TypeFamily.INTEGER) {
            String value = "(" + ref(column) + ")::int8";
            return "hashint8extended(" + (nullAsEmpty ? "coalesce(" + value + ", 0)" : value) + ", " + seed + ")";
        }
        if (family == TypeFamily.UUID) {
            String value = ref(column);
            return "uuid_hash_extended("
                    + (nullAsEmpty ? "coalesce(" + value + ", '00000000-0000-0000-0000-000000000000'::uuid)" : value)
                    + ", " + seed + ")";
        }
        if (family == TypeFamily.TEXT && baseTypeName(column.on(side)).equals("bpchar")) {
            // hashbpcharextended hashes the bytes before the trailing spaces, which is what hashtextextended of the
            // canonical text (the value without its trailing spaces) hashes, without building that text per row.
            String value = ref(column);
            return "hashbpcharextended(" + (nullAsEmpty ? "coalesce(" + value + ", '')" : value) + C + ", " + seed
                    + ")";
        }
        String text = "(" + canonical(column) + ")";
        return "hashtextextended(" + (nullAsEmpty ? "coalesce(" + text + ", '')" : text) + C + ", " + seed + ")";
    }

    private static String baseTypeName(ColumnInfo column) {
        ColumnType type = column.type();
        while (type.isDomain()) {
            type = type.element();
        }
        return type.typtype() == 'e' ? "" : type.typeName();
    }

    /** Whether key comparisons use the column itself (so an index can serve them) rather than its text. */
    private boolean comparesDirectly(MappedColumn key) {
        return key.typeOn(side).family() != TypeFamily.TEXT || DIRECT_TEXT_TYPES.contains(baseTypeName(key.on(side)));
    }

    /**
     * The key column as it is ordered: text in byte order on both sides, since the two sides' collations may order
     * text differently (a column whose own collation is bytewise keeps it, so that its index still serves; any other
     * gets COLLATE "C"); enum, citext and "char" through their text, since their own order is type-specific.
     */
    private String keyOrderExpr(MappedColumn key) {
        if (key.typeOn(side).family() != TypeFamily.TEXT) {
            return ref(key);
        }
        if (!comparesDirectly(key)) {
            return "(" + ref(key) + ")::text" + C;
        }
        return key.on(side).bytewiseCollation() ? ref(key) : ref(key) + C;
    }

    /** A bind parameter holding a canonical key text, as a value comparable with {@link #keyOrderExpr}. */
    private String keyParam(MappedColumn key) {
        TypeFamily family = key.typeOn(side).family();
        return switch (family) {
            // int8 holds any integer key of either side; cross-type integer comparisons still use the index.
            case INTEGER -> "CAST(? AS int8)";
            case NUMERIC -> "CAST(? AS numeric)";
            case BYTES -> "decode(?, 'hex')";
            case TEXT -> {
                String base = baseTypeName(key.on(side));
                yield comparesDirectly(key) && !base.equals("varchar")
                        ? "CAST(? AS " + PgIdentifiers.quote(base) + ")"
                        : "CAST(? AS text)";
            }
            default -> "CAST(? AS " + PgIdentifiers.quote(baseTypeName(key.on(side))) + ")";
        };
    }

    /**
     * Whether a key range on this side can be read through an index: every key column compared directly and a btree
     * index leading with the key columns (for text, with the collation the comparison uses).
     */
    public boolean keyRangeUsesIndex() {
        List<String> names = new ArrayList<>();
        List<String> collations = new ArrayList<>();
        for (MappedColumn key : mapping.key()) {
            if (!comparesDirectly(key)) {
                return false;
            }
            names.add(key.on(side).name());
            if (key.typeOn(side).family() != TypeFamily.TEXT) {
                collations.add(null);
            } else {
                collations.add(key.on(side).bytewiseCollation() ? key.on(side).collation() : "C");
            }
        }
        return mapping.on(side).hasRangeIndex(names, collations);
    }

    private String keyTuple() {
        return "("
                + String.join(
                        ", ", mapping.key().stream().map(this::keyOrderExpr).toList()) + ")";
    }

    private void appendKeyBound(SqlQuery.Builder q, String operator, List<String> bound) {
        q.sql(keyTuple()).sql(" " + operator + " (");
        List<MappedColumn> key = mapping.key();
        for (int i = 0; i < key.size(); i++) {
            q.sql(i == 0 ? "" : ", ").param(keyParam(key.get(i)), bound.get(i));
        }
        q.sql(")");
    }

    /** {@code WHERE <range> AND (<filter>)}, or {@code WHERE true}. */
    private void appendWhere(SqlQuery.Builder q, KeyRange range) {
        q.sql(" WHERE true");
        if (range.lower() != null) {
            q.sql(" AND ");
            appendKeyBound(q, ">=", range.lower());
        }
        if (range.upper() != null) {
            q.sql(" AND ");
            appendKeyBound(q, "<", range.upper());
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
     * texts in key order, then the hash of every compared column in canonical-name order. At most {@code limit} rows
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

    private String rowHashColumns() {
        List<String> select = new ArrayList<>();
        mapping.key().forEach(k -> select.add(canonical(k)));
        mapping.columns().forEach(c -> select.add(columnHash(c)));
        return String.join(", ", select);
    }

    /**
     * The rows with the given canonical keys: key texts, column hashes, then (unless {@code hashesOnly}) each column's
     * canonical text cut to {@code valueLimit + 1} characters (so a longer value shows it was cut).
     */
    public SqlQuery rowsByKey(List<List<String>> keys, boolean hashesOnly, int valueLimit) {
        SqlQuery.Builder q = new SqlQuery.Builder();
        q.sql("SELECT " + rowHashColumns());
        if (!hashesOnly) {
            for (MappedColumn column : mapping.columns()) {
                q.sql(", left(" + canonical(column) + ", " + (valueLimit + 1) + ")");
            }
        }
        q.sql(" FROM " + physicalTable() + " WHERE (");
        List<MappedColumn> key = mapping.key();
        q.sql(String.join(", ", key.stream().map(this::ref).toList())).sql(") IN (VALUES ");
        for (int k = 0; k < keys.size(); k++) {
            q.sql(k == 0 ? "(" : ", (");
            for (int i = 0; i < key.size(); i++) {
                q.sql(i == 0 ? "" : ", ")
                        .param(lookupParam(key.get(i)), keys.get(k).get(i));
            }
            q.sql(")");
        }
        q.sql(")");
        mapping.rowFilter().ifPresent(filter -> q.sql(" AND (\n" + filter + "\n)"));
        return q.build();
    }

    /** Equality lookups compare the column itself (index-friendly); enums take their label, citext its text. */
    private String lookupParam(MappedColumn key) {
        String param = keyParam(key);
        return comparesDirectly(key) ? param : "CAST(" + param + " AS " + castableName(key) + ")";
    }

    private String castableName(MappedColumn key) {
        ColumnInfo column = key.on(side);
        ColumnType type = column.type();
        while (type.isDomain()) {
            type = type.element();
        }
        // Enums and extension types are named as SQL names the column's type (schema-qualified if needed; for a domain
        // over one, the domain); built-in types by their catalog name, quoted ("char" is not char).
        return type.typtype() == 'e' || type.typeName().equals("citext")
                ? column.typeSql()
                : PgIdentifiers.quote(type.typeName());
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
            inner.add(ref(key.get(i)) + " AS " + alias);
            outer.add(canonical(key.get(i), "s." + alias));
        }
        SqlQuery.Builder q = new SqlQuery.Builder();
        q.sql("SELECT " + String.join(", ", outer) + " FROM (SELECT " + String.join(", ", inner)
                + ", row_number() OVER (ORDER BY "
                + keyTuple().substring(1, keyTuple().length() - 1)
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
                        mapping.key().stream().map(k -> ref(k) + " IS NULL").toList()) + ")");
        return q.build();
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
