package dev.driftguard.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTypesTest {

    private static final TableId TABLE = new TableId("public", "t");

    private static CanonicalType resolve(ColumnType type) {
        return CanonicalTypes.resolve(TABLE, "c", type);
    }

    @Test
    void resolvesEverySupportedBaseTypeToItsFamily() {
        Map<String, TypeFamily> families = Map.ofEntries(
                Map.entry("int2", TypeFamily.INTEGER),
                Map.entry("int4", TypeFamily.INTEGER),
                Map.entry("int8", TypeFamily.INTEGER),
                Map.entry("numeric", TypeFamily.NUMERIC),
                Map.entry("float4", TypeFamily.FLOAT),
                Map.entry("float8", TypeFamily.FLOAT),
                Map.entry("text", TypeFamily.TEXT),
                Map.entry("varchar", TypeFamily.TEXT),
                Map.entry("bpchar", TypeFamily.TEXT),
                Map.entry("name", TypeFamily.TEXT),
                Map.entry("char", TypeFamily.TEXT),
                Map.entry("citext", TypeFamily.TEXT),
                Map.entry("bool", TypeFamily.BOOLEAN),
                Map.entry("date", TypeFamily.DATE),
                Map.entry("time", TypeFamily.TIME),
                Map.entry("timestamp", TypeFamily.TIMESTAMP),
                Map.entry("timestamptz", TypeFamily.TIMESTAMP),
                Map.entry("interval", TypeFamily.INTERVAL),
                Map.entry("uuid", TypeFamily.UUID),
                Map.entry("bytea", TypeFamily.BYTES),
                Map.entry("json", TypeFamily.JSON),
                Map.entry("jsonb", TypeFamily.JSON),
                Map.entry("inet", TypeFamily.INET),
                Map.entry("cidr", TypeFamily.INET));
        families.forEach((name, family) ->
                assertThat(resolve(ColumnType.base(name)).family()).as(name).isEqualTo(family));
    }

    @Test
    void enumsAreTextDomainsTheirBaseTypeArraysTheirElementType() {
        assertThat(resolve(ColumnType.ofCatalog("mood", "e", null, null)).family())
                .isEqualTo(TypeFamily.TEXT);
        CanonicalType domain = resolve(ColumnType.ofCatalog("posint", "d", "int4", "b"));
        assertThat(domain.family()).isEqualTo(TypeFamily.INTEGER);
        assertThat(domain.canonical(7)).isEqualTo("7");
        CanonicalType array = resolve(ColumnType.ofCatalog("_int4", "b", "int4", "b"));
        assertThat(array.family()).isEqualTo(TypeFamily.ARRAY);
        assertThat(array.canonical(List.of(1, 2))).isEqualTo("[\"1\", \"2\"]");
        CanonicalType domainOverArray = resolve(ColumnType.ofCatalog("intlist", "d", "_int8", "b"));
        assertThat(domainOverArray.canonical(List.of(5L))).isEqualTo("[\"5\"]");
        CanonicalType enumArray = resolve(ColumnType.ofCatalog("_mood", "b", "mood", "e"));
        assertThat(enumArray.canonical(List.of("sad"))).isEqualTo("[\"sad\"]");
    }

    @Test
    void unsupportedTypesFailWithTableColumnTypeAndTheFix() {
        assertThatThrownBy(() -> resolve(ColumnType.base("tsvector")))
                .isInstanceOf(UnsupportedColumnTypeException.class)
                .hasMessage("table public.t column \"c\" has type \"tsvector\", which driftguard cannot compare;"
                        + " exclude it with --exclude-columns public.t.c or declare a rule");
        for (String name : List.of("point", "money", "xml", "hstore", "int4range", "timetz", "bit", "macaddr", "oid")) {
            assertThatThrownBy(() -> resolve(ColumnType.base(name)))
                    .as(name)
                    .isInstanceOf(UnsupportedColumnTypeException.class)
                    .hasMessageContaining("\"" + name + "\"");
        }
        assertThatThrownBy(() -> resolve(ColumnType.ofCatalog("_tsvector", "b", "tsvector", "b")))
                .hasMessageContaining("\"_tsvector\"");
        assertThatThrownBy(() -> resolve(ColumnType.ofCatalog("address", "c", null, null)))
                .isInstanceOf(UnsupportedColumnTypeException.class);
        assertThatThrownBy(() -> resolve(ColumnType.ofCatalog("tsrange", "r", null, null)))
                .isInstanceOf(UnsupportedColumnTypeException.class);
        UnsupportedColumnTypeException e = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedColumnTypeException.class, () -> resolve(ColumnType.ofCatalog("d", "d", "xml", "b")));
        assertThat(e.table()).isEqualTo(TABLE);
        assertThat(e.column()).isEqualTo("c");
        assertThat(e.typeName()).isEqualTo("d");
    }

    @Test
    void catalogTypeValidation() {
        assertThatThrownBy(() -> ColumnType.ofCatalog("d", "d", null, null)).hasMessageContaining("base type");
        assertThatThrownBy(() -> ColumnType.ofCatalog("x", "bb", null, null)).hasMessageContaining("'bb'");
        assertThat(ColumnType.arrayOf(ColumnType.base("int4")))
                .isEqualTo(new ColumnType("_int4", 'b', ColumnType.base("int4")));
    }

    @Test
    void compatibilityFollowsFamiliesAndArrayElements() {
        assertThat(CanonicalTypes.compatible(resolve(ColumnType.base("int4")), resolve(ColumnType.base("int8"))))
                .isTrue();
        assertThat(CanonicalTypes.compatible(
                        resolve(ColumnType.base("timestamp")), resolve(ColumnType.base("timestamptz"))))
                .isTrue();
        assertThat(CanonicalTypes.compatible(resolve(ColumnType.base("json")), resolve(ColumnType.base("jsonb"))))
                .isTrue();
        assertThat(CanonicalTypes.compatible(resolve(ColumnType.base("inet")), resolve(ColumnType.base("cidr"))))
                .isTrue();
        assertThat(CanonicalTypes.compatible(resolve(ColumnType.base("int4")), resolve(ColumnType.base("numeric"))))
                .isFalse();
        assertThat(CanonicalTypes.compatible(resolve(ColumnType.base("text")), resolve(ColumnType.base("uuid"))))
                .isFalse();
        CanonicalType int4s = resolve(ColumnType.arrayOf(ColumnType.base("int4")));
        CanonicalType int8s = resolve(ColumnType.arrayOf(ColumnType.base("int8")));
        CanonicalType texts = resolve(ColumnType.arrayOf(ColumnType.base("text")));
        assertThat(CanonicalTypes.compatible(int4s, int8s)).isTrue();
        assertThat(CanonicalTypes.compatible(int4s, texts)).isFalse();
        assertThat(CanonicalTypes.compatible(int4s, resolve(ColumnType.base("int4"))))
                .isFalse();
    }
}
