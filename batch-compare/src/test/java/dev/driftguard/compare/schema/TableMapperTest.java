package dev.driftguard.compare.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.SchemaDifference;
import dev.driftguard.compare.TableStatus;
import dev.driftguard.row.ColumnType;
import dev.driftguard.row.TableId;
import dev.driftguard.row.TableRules;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableMapperTest {

    private static final TableId T = new TableId("public", "t");

    private static TableMapping mapped(TableMapper.Outcome outcome) {
        assertThat(outcome).isInstanceOf(TableMapper.Mapped.class);
        return ((TableMapper.Mapped) outcome).mapping();
    }

    @Test
    void mapsColumnsByNameAcrossCompatibleTypes() {
        TableInfo source = Tables.table("public", "t")
                .column("id", "int4", true)
                .column("n", "numeric", false)
                .column("ts", "timestamptz", false)
                .primaryKey("id")
                .build();
        TableInfo target = Tables.table("public", "t")
                .column("ts", "timestamp", false)
                .column("id", "int8", true)
                .column("n", "numeric", false)
                .primaryKey("id")
                .build();

        TableMapping m = mapped(TableMapper.map(source, target, TableRules.none(T), Optional.empty()));

        assertThat(m.columnNames()).containsExactly("id", "n", "ts");
        assertThat(m.keyNames()).containsExactly("id");
        assertThat(m.schemaDifferences()).isEmpty();
    }

    @Test
    void reportsMissingIncompatibleAndUnsupportedColumnsButKeepsTheRest() {
        TableInfo source = Tables.table("public", "t")
                .column("id", "int4", true)
                .column("only_s", "text", false)
                .column("typed", "int4", false)
                .column("doc", "tsvector", false)
                .column("ok", "text", false)
                .primaryKey("id")
                .build();
        TableInfo target = Tables.table("public", "t")
                .column("id", "int4", true)
                .column("only_t", "text", false)
                .column("typed", "text", false)
                .column("doc", "tsvector", false)
                .column("ok", "varchar", false)
                .primaryKey("id")
                .build();

        TableMapping m = mapped(TableMapper.map(source, target, TableRules.none(T), Optional.empty()));

        assertThat(m.columnNames()).containsExactly("id", "ok");
        assertThat(m.schemaDifferences())
                .extracting(d -> d.kind() + " " + d.column())
                .containsExactly(
                        "UNSUPPORTED_TYPE doc",
                        "MISSING_ON_TARGET only_s",
                        "MISSING_ON_SOURCE only_t",
                        "INCOMPATIBLE_TYPES typed");
        assertThat(m.schemaDifferences().get(0).detail()).contains("--exclude-columns public.t.doc");
        assertThat(m.schemaDifferences().get(3).detail())
                .contains("int4 (INTEGER)")
                .contains("text (TEXT)");
    }

    @Test
    void exclusionsAndRenamesApplyBeforeMatching() {
        TableInfo source = Tables.table("public", "t")
                .column("id", "int4", true)
                .column("old", "text", false)
                .column("noise", "text", false)
                .primaryKey("id")
                .build();
        TableInfo target = Tables.table("public", "t")
                .column("id", "int4", true)
                .column("new", "text", false)
                .column("noise", "int4", false)
                .primaryKey("id")
                .build();
        TableRules rules = TableRules.builder(T)
                .rename(Side.TARGET, "new", "old")
                .exclude("noise")
                .build();

        TableMapping m = mapped(TableMapper.map(source, target, rules, Optional.of("id > 0")));

        assertThat(m.columnNames()).containsExactly("id", "old");
        assertThat(m.columns().get(1).on(Side.TARGET).name()).isEqualTo("new");
        assertThat(m.schemaDifferences()).isEmpty();
        assertThat(m.rowFilter()).contains("id > 0");
    }

    @Test
    void withoutKeyTheTableIsSkippedWithTheFix() {
        TableInfo table = Tables.table("public", "t").column("a", "int4", false).build();

        TableMapper.Outcome outcome = TableMapper.map(table, table, TableRules.none(T), Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(TableMapper.NotComparable.class, nc -> {
            assertThat(nc.status()).isEqualTo(TableStatus.SKIPPED);
            assertThat(nc.reason()).contains("no primary key").contains("--key public.t:column");
        });
    }

    @Test
    void uniqueNotNullIndexServesAsKeyAndADeclaredKeyWins() {
        TableInfo table = Tables.table("public", "t")
                .column("a", "int4", true)
                .column("b", "text", false)
                .column("c", "text", true)
                .uniqueIndex("t_b", "b")
                .uniqueIndex("t_c", "c")
                .build();

        assertThat(mapped(TableMapper.map(table, table, TableRules.none(T), Optional.empty()))
                        .keyNames())
                .containsExactly("c");
        TableRules declared =
                TableRules.builder(T).keyColumns(java.util.List.of("a", "b")).build();
        assertThat(mapped(TableMapper.map(table, table, declared, Optional.empty()))
                        .keyNames())
                .containsExactly("a", "b");
    }

    @Test
    void keyColumnsMustBeComparableAndOfAnOrderableFamily() {
        TableInfo source = Tables.table("public", "t")
                .column("id", "int4", true)
                .primaryKey("id")
                .build();
        TableInfo target = Tables.table("public", "t")
                .column("id", "text", true)
                .primaryKey("id")
                .build();
        assertThat(TableMapper.map(source, target, TableRules.none(T), Optional.empty()))
                .isInstanceOfSatisfying(TableMapper.NotComparable.class, nc -> {
                    assertThat(nc.status()).isEqualTo(TableStatus.DIFFERENT);
                    assertThat(nc.reason()).contains("key column \"id\"").contains("INTEGER");
                    assertThat(nc.schemaDifferences())
                            .extracting(SchemaDifference::kind)
                            .containsExactly(SchemaDifference.Kind.INCOMPATIBLE_TYPES);
                });

        TableInfo floatKey = Tables.table("public", "t")
                .column("f", "float8", true)
                .primaryKey("f")
                .build();
        assertThat(TableMapper.map(floatKey, floatKey, TableRules.none(T), Optional.empty()))
                .isInstanceOfSatisfying(TableMapper.NotComparable.class, nc -> {
                    assertThat(nc.status()).isEqualTo(TableStatus.SKIPPED);
                    assertThat(nc.reason()).contains("float8 (FLOAT)");
                });

        TableInfo arrayKey = Tables.table("public", "t")
                .column("a", ColumnType.arrayOf(ColumnType.base("int4")), true)
                .primaryKey("a")
                .build();
        assertThat(TableMapper.map(arrayKey, arrayKey, TableRules.none(T), Optional.empty()))
                .isInstanceOf(TableMapper.NotComparable.class);
    }

    @Test
    void twoColumnsRenamedOntoOneNameAreAnError() {
        TableInfo source = Tables.table("public", "t")
                .column("id", "int4", true)
                .column("a", "text", false)
                .column("b", "text", false)
                .primaryKey("id")
                .build();
        TableRules rules = TableRules.builder(T).rename(Side.SOURCE, "b", "a").build();

        assertThat(TableMapper.map(source, source, rules, Optional.empty()))
                .isInstanceOfSatisfying(TableMapper.NotComparable.class, nc -> {
                    assertThat(nc.status()).isEqualTo(TableStatus.ERROR);
                    assertThat(nc.reason()).contains("both map to canonical column \"a\"");
                });
    }
}
