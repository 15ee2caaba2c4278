package dev.driftguard.compare.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.schema.TableInfo;
import dev.driftguard.compare.schema.TableMapper;
import dev.driftguard.compare.schema.TableMapping;
import dev.driftguard.compare.schema.Tables;
import dev.driftguard.row.TableId;
import dev.driftguard.row.TableRules;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SideSqlTest {

    private static TableMapping mapping(TableInfo source, TableInfo target, TableRules rules) {
        return ((TableMapper.Mapped) TableMapper.map(source, target, rules, Optional.empty())).mapping();
    }

    @Test
    void identifiersAreQuotedAndValuesAreParameters() {
        String name = "we\"ird; drop table x; --";
        TableInfo t = Tables.table("My Schema", name)
                .column("Key \"Col\"", "text", true)
                .column("v;", "int4", false)
                .primaryKey("Key \"Col\"")
                .build();
        SideSql sql = new SideSql(mapping(t, t, TableRules.none(t.id())), Side.SOURCE);

        SqlQuery q = sql.bucketChecksums(new KeyRange(List.of("a'; DROP TABLE x; --"), List.of("z")), HashSlice.ALL, 8);

        assertThat(q.sql())
                .contains("FROM \"My Schema\".\"we\"\"ird; drop table x; --\" AS r")
                .contains("r.\"Key \"\"Col\"\"\"")
                .contains("r.\"v;\"")
                .doesNotContain("DROP TABLE x");
        assertThat(q.params()).containsExactly("a'; DROP TABLE x; --", "z");
    }

    @Test
    void bothSidesHashTheSameCanonicalFormWhateverTheirTypes() {
        TableInfo source = Tables.table("public", "t")
                .column("id", "int4", true)
                .column("v", "numeric", false)
                .primaryKey("id")
                .build();
        TableInfo target = Tables.table("public", "t")
                .column("id", "int8", false)
                .column("v", "numeric", true)
                .primaryKey("id")
                .build();
        TableSides sides = TableSides.of(mapping(source, target, TableRules.none(source.id())));

        // Integer keys hash as int8 on both sides; a NOT NULL column skips the NULL flag (which is 0 for values).
        assertThat(sides.source().keyHash()).isEqualTo("hashint8extended((r.\"id\")::int8, 0::int8)");
        assertThat(sides.target().keyHash()).isEqualTo(sides.source().keyHash());
        assertThat(sides.source().rowHash())
                .isEqualTo(
                        "hashint8extended((r.\"id\")::int8, hashtextextended(coalesce((trim_scale(r.\"v\")::text), '')"
                                + " COLLATE \"C\", (0::int8) # CASE WHEN r.\"v\" IS NULL THEN 1::int8 ELSE 0::int8 END))");
        assertThat(sides.target().rowHash())
                .startsWith(
                        "hashint8extended(coalesce((r.\"id\")::int8, 0), (hashtextextended((trim_scale(r.\"v\")::text)"
                                + " COLLATE \"C\", 0::int8)) # CASE WHEN r.\"id\" IS NULL");
        assertThat(sides.source().columnHash(sides.mapping().columns().get(1)))
                .isEqualTo(sides.target().columnHash(sides.mapping().columns().get(1)));
    }

    @Test
    void textKeysCompareInByteOrderAndIntegerBoundsAsInt8() {
        TableInfo source = Tables.table("public", "t")
                .textColumn("k", "en-x-icu", false)
                .column("n", "int2", true)
                .primaryKey("k", "n")
                .build();
        TableInfo bytewise = Tables.table("public", "t")
                .textColumn("k", "default", true)
                .column("n", "int8", true)
                .primaryKey("k", "n")
                .build();
        TableSides sides = TableSides.of(mapping(source, bytewise, TableRules.none(source.id())));

        String s = sides.source()
                .bucketChecksums(new KeyRange(List.of("a", "1"), null), HashSlice.ALL, 0)
                .sql();
        String t = sides.target()
                .bucketChecksums(new KeyRange(List.of("a", "1"), null), HashSlice.ALL, 0)
                .sql();

        assertThat(s).contains("(r.\"k\" COLLATE \"C\", r.\"n\") >= (CAST(? AS \"text\"), CAST(? AS int8))");
        assertThat(t).contains("(r.\"k\", r.\"n\") >= (CAST(? AS \"text\"), CAST(? AS int8))");
        assertThat(sides.source().keyRangeUsesIndex()).isFalse();
        assertThat(sides.target().keyRangeUsesIndex()).isTrue();
    }

    @Test
    void slicesFilterOnLowBitsAndSplitOnTheNextOnes() {
        TableInfo t = Tables.table("public", "t")
                .column("id", "uuid", true)
                .primaryKey("id")
                .build();
        SideSql sql = new SideSql(mapping(t, t, TableRules.none(new TableId("public", "t"))), Side.TARGET);

        SqlQuery q = sql.bucketChecksums(KeyRange.ALL, new HashSlice(8, 5), 4);

        assertThat(q.sql())
                .contains("((uuid_hash_extended(r.\"id\", 0::int8) >> 8) & 15) AS dg_bucket")
                .contains("AND (uuid_hash_extended(r.\"id\", 0::int8) & ?) = ?")
                .endsWith("GROUP BY 1");
        assertThat(q.params()).containsExactly(255L, 5L);
    }

    @Test
    void rowsByKeyLooksUpEveryKeyWithValuesCut() {
        TableInfo t = Tables.table("public", "t")
                .column("a", "int4", true)
                .column("b", "text", true)
                .column("v", "text", false)
                .primaryKey("a", "b")
                .build();
        SideSql sql = new SideSql(mapping(t, t, TableRules.none(new TableId("public", "t"))), Side.SOURCE);

        SqlQuery q = sql.rowsByKey(List.of(List.of("1", "x"), List.of("2", "y")), false, 10);

        assertThat(q.sql())
                .contains("left((r.\"v\")::text, 11)")
                .contains("WHERE (r.\"a\", r.\"b\") IN (VALUES (CAST(? AS int8), CAST(? AS \"text\")),"
                        + " (CAST(? AS int8), CAST(? AS \"text\")))");
        assertThat(q.params()).containsExactly("1", "x", "2", "y");
        assertThat(sql.rowsByKey(List.of(List.of("1", "x")), true, 10).sql()).doesNotContain("left(");
    }
}
