package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every supported type, with source and target columns of legitimately different physical types holding the same
 * values (no findings), and real differences (found, with exactly the differing columns).
 */
@ExtendWith(LocalStackExtension.class)
class TypesITCase {

    /** A column: its source and target types and, per row, the value as written on each side. */
    private record Column(String name, String sourceType, String targetType, List<String[]> values) {
        static Column same(String name, String sourceType, String targetType, String... literals) {
            List<String[]> values = new ArrayList<>();
            for (String literal : literals) {
                values.add(new String[] {literal, literal});
            }
            return new Column(name, sourceType, targetType, values);
        }

        static Column pairs(String name, String sourceType, String targetType, String... sourceThenTarget) {
            List<String[]> values = new ArrayList<>();
            for (int i = 0; i < sourceThenTarget.length; i += 2) {
                values.add(new String[] {sourceThenTarget[i], sourceThenTarget[i + 1]});
            }
            return new Column(name, sourceType, targetType, values);
        }
    }

    private static final List<Column> COLUMNS = List.of(
            Column.same("i2", "int2", "int8", "0", "-32768", "32767", "NULL", "7", "1"),
            Column.same("i4", "int4", "int8", "0", "-2147483648", "2147483647", "NULL", "42", "1"),
            Column.same(
                    "n", "numeric(12,2)", "numeric(14,4)", "1.50", "0.00", "-0.00", "9999999999.99", "NULL", "-1.10"),
            Column.same("nn", "numeric", "numeric", "'NaN'", "1e-5", "12345678901234567890.123", "NULL", "-0", "5"),
            Column.pairs(
                    "f4",
                    "float4",
                    "float8",
                    "'1.1'::float4",
                    "'1.1'::float4::float8",
                    "'NaN'",
                    "'NaN'",
                    "'-0'",
                    "'-0'::float4::float8",
                    "'Infinity'",
                    "'Infinity'",
                    "NULL",
                    "NULL",
                    "'3.4e38'::float4",
                    "'3.4e38'::float4::float8"),
            Column.pairs(
                    "f8",
                    "float8",
                    "float8",
                    "0.1",
                    "0.1",
                    "'-0'",
                    "'0'",
                    "'-Infinity'",
                    "'-Infinity'",
                    "NULL",
                    "NULL",
                    "1e308",
                    "1e308",
                    "'NaN'",
                    "'NaN'"),
            Column.same(
                    "tx", "text", "varchar(100)", "'a'", "''", "'ünïcödé ✓ 🎉'", "NULL", "'quote''s'", "E'tab\\there'"),
            Column.same("bp", "char(5)", "char(8)", "'ab'", "''", "'x'", "NULL", "'abcde'", "' a'"),
            Column.same("bpt", "char(5)", "text", "'ab'", "'ab'", "''", "NULL", "'a b'", "'abcde'"),
            Column.same("b", "bool", "bool", "true", "false", "NULL", "true", "true", "false"),
            Column.pairs(
                    "u",
                    "uuid",
                    "uuid",
                    "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'",
                    "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'",
                    "'00000000-0000-0000-0000-000000000000'",
                    "'00000000-0000-0000-0000-000000000000'",
                    "NULL",
                    "NULL",
                    "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                    "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                    "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'",
                    "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'",
                    "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13'",
                    "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13'"),
            Column.same("by", "bytea", "bytea", "'\\x00ff'", "''", "NULL", "'\\xdeadbeef'", "'\\x00'", "'abc'"),
            Column.same(
                    "d",
                    "date",
                    "date",
                    "'2024-02-29'",
                    "'infinity'",
                    "'0044-03-15 BC'",
                    "NULL",
                    "'-infinity'",
                    "'1970-01-01'"),
            Column.same(
                    "tm",
                    "time(3)",
                    "time(6)",
                    "'10:00:00.123'",
                    "'24:00:00'",
                    "'00:00:00'",
                    "NULL",
                    "'23:59:59.999'",
                    "'12:00'"),
            Column.same(
                    "ts",
                    "timestamp(3)",
                    "timestamp(6)",
                    "'2024-01-01 10:00:00.123'",
                    "'infinity'",
                    "'-infinity'",
                    "'0044-03-15 10:00:00 BC'",
                    "NULL",
                    "'2000-01-01 00:00:00'"),
            // The same instants, written under the session zone America/St_Johns (UTC-03:30 in January).
            Column.pairs(
                    "tstz",
                    "timestamptz",
                    "timestamptz",
                    "'2024-01-15 12:00:00+00'",
                    "'2024-01-15 08:30:00'",
                    "'infinity'",
                    "'infinity'",
                    "NULL",
                    "NULL",
                    "'2024-01-15 12:00:00.000001+00'",
                    "'2024-01-15 08:30:00.000001'",
                    "'1999-12-31 23:59:59+00'",
                    "'1999-12-31 20:29:59'",
                    "'2024-07-01 00:00:00+02'",
                    "'2024-06-30 22:00:00+00'"),
            Column.pairs(
                    "tsmix",
                    "timestamptz",
                    "timestamp",
                    "'2024-01-15 12:00:00+00'",
                    "'2024-01-15 12:00:00'",
                    "NULL",
                    "NULL",
                    "'2024-01-15 12:00:00.5+01'",
                    "'2024-01-15 11:00:00.5'",
                    "'infinity'",
                    "'infinity'",
                    "'2000-01-01 00:00:00+00'",
                    "'2000-01-01 00:00:00'",
                    "'2020-02-29 23:00:00-01'",
                    "'2020-03-01 00:00:00'"),
            Column.same(
                    "iv",
                    "interval",
                    "interval",
                    "'1 day'",
                    "'24 hours'",
                    "'-1 mon 2 days'",
                    "NULL",
                    "'1.5 seconds'",
                    "'0'"),
            Column.pairs(
                    "j",
                    "json",
                    "jsonb",
                    "'{\"b\": 1, \"a\": [1, 2.50]}'",
                    "'{\"a\": [1, 2.50], \"b\": 1}'",
                    "'{\"a\": 1, \"a\": 2}'",
                    "'{\"a\": 2}'",
                    "'[]'",
                    "'[]'",
                    "NULL",
                    "NULL",
                    "'\"text \\u00e9\"'",
                    "'\"text é\"'",
                    "'1e2'",
                    "'100'"),
            Column.same(
                    "jb",
                    "jsonb",
                    "json",
                    "'{\"x\": {\"y\": null}}'",
                    "'[1, \"two\", true]'",
                    "'null'",
                    "NULL",
                    "'{}'",
                    "'0.10'"),
            Column.pairs(
                    "ip",
                    "inet",
                    "cidr",
                    "'10.0.0.0/8'",
                    "'10.0.0.0/8'",
                    "'192.168.1.0/24'",
                    "'192.168.1.0/24'",
                    "'2001:db8::/32'",
                    "'2001:db8::/32'",
                    "NULL",
                    "NULL",
                    "'::ffff:1.2.3.4/128'",
                    "'::ffff:1.2.3.4/128'",
                    "'1.2.3.4'",
                    "'1.2.3.4/32'"),
            Column.same(
                    "arr", "int4[]", "int8[]", "'{1,2,NULL}'", "'{}'", "'{{1,2},{3,4}}'", "NULL", "'{-5}'", "'{0,0}'"),
            Column.same(
                    "tarr",
                    "text[]",
                    "varchar(10)[]",
                    "'{\"a\",\"b,c\",\"q\\\"uote\"}'",
                    "'{NULL,\"\"}'",
                    "NULL",
                    "'{}'",
                    "'{x}'",
                    "'{\"\"}'"),
            Column.same("en", "mood", "text", "'happy'", "'sad'", "NULL", "'happy'", "'ok'", "'sad'"),
            Column.same("dom", "positive_int", "int8", "1", "2", "NULL", "2147483647", "5", "6"));

    private static final int ROWS = 6;

    private static void createTable(ComparePair pair, String table) {
        StringBuilder source = new StringBuilder("CREATE TABLE " + table + " (id int4 PRIMARY KEY");
        StringBuilder target = new StringBuilder("CREATE TABLE " + table + " (id int8 PRIMARY KEY");
        for (Column c : COLUMNS) {
            source.append(", ").append(c.name()).append(' ').append(c.sourceType());
            target.append(", ").append(c.name()).append(' ').append(c.targetType());
        }
        pair.onSource(source.append(")").toString()).onTarget(target.append(")").toString());
        List<String> sourceRows = new ArrayList<>();
        List<String> targetRows = new ArrayList<>();
        for (int row = 0; row < ROWS; row++) {
            StringBuilder s = new StringBuilder("(" + (row + 1));
            StringBuilder t = new StringBuilder("(" + (row + 1));
            for (Column c : COLUMNS) {
                s.append(", ").append(c.values().get(row)[0]);
                t.append(", ").append(c.values().get(row)[1]);
            }
            sourceRows.add(s.append(")").toString());
            targetRows.add(t.append(")").toString());
        }
        pair.onSource(
                "SET TimeZone = 'America/St_Johns'; INSERT INTO " + table + " VALUES " + String.join(", ", sourceRows));
        pair.onTarget(
                "SET TimeZone = 'America/St_Johns'; INSERT INTO " + table + " VALUES " + String.join(", ", targetRows));
    }

    private static ComparePair pairWithTypes(LocalPostgres postgres, String hint) {
        ComparePair pair = ComparePair.create(postgres, hint);
        pair.onSource(
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE DOMAIN positive_int AS int4 CHECK (VALUE > 0)");
        createTable(pair, "typed");
        return pair;
    }

    @Test
    void equalValuesInDifferentPhysicalTypesAreIdentical(LocalPostgres postgres) {
        ComparePair pair = pairWithTypes(postgres, "types_equal");

        CompareResult result = pair.compare();

        TableResult typed = ComparePair.table(result, "public.typed");
        assertThat(typed.differences()).isEmpty();
        assertThat(typed.schemaDifferences()).isEmpty();
        assertThat(typed.status()).isEqualTo(TableStatus.IDENTICAL);
        assertThat(typed.sourceRows()).isEqualTo(ROWS);
        assertThat(typed.targetRows()).isEqualTo(ROWS);
        assertThat(result.allIdentical()).isTrue();
    }

    @Test
    void realDifferencesAreFoundWithExactlyTheDifferingColumns(LocalPostgres postgres) {
        ComparePair pair = pairWithTypes(postgres, "types_diff");
        pair.onTarget(
                "UPDATE typed SET i4 = 43 WHERE id = 5",
                "UPDATE typed SET tx = NULL WHERE id = 2", // '' on the source
                "UPDATE typed SET n = 1.51, ts = '2024-01-01 10:00:00.123001' WHERE id = 1",
                "UPDATE typed SET arr = '{{1,2},{4,3}}', f8 = 0.1000000000000001 WHERE id = 3",
                "UPDATE typed SET by = '\\xdeadbeee', j = '{\"a\": 3}' WHERE id = 4",
                "UPDATE typed SET tstz = tstz + interval '1 microsecond', bp = 'abcdf' WHERE id = 5",
                "UPDATE typed SET en = 'Happy', iv = '1 day', bpt = 'abcde ' WHERE id = 6",
                "DELETE FROM typed WHERE id = 2",
                "INSERT INTO typed (id) VALUES (100)");
        // id 2 was changed and then deleted: missing on the target.

        CompareResult result = pair.compare();

        TableResult typed = ComparePair.table(result, "public.typed");
        assertThat(typed.status()).isEqualTo(TableStatus.DIFFERENT);
        assertThat(typed.differences())
                .extracting(d -> d.kind() + " " + d.key().values() + " " + d.columns())
                .containsExactlyInAnyOrder(
                        "VALUE_MISMATCH [1] [n, ts]",
                        "MISSING_ON_TARGET [2] []",
                        "VALUE_MISMATCH [3] [arr, f8]",
                        "VALUE_MISMATCH [4] [by, j]",
                        "VALUE_MISMATCH [5] [bp, i4, tstz]",
                        "VALUE_MISMATCH [6] [bpt, en, iv]",
                        "EXTRA_ON_TARGET [100] []");
        assertThat(typed.counts()).isEqualTo(new DifferenceCounts(1, 1, 5));
        Difference row1 = typed.differences().stream()
                .filter(d -> d.key().values().equals(List.of("1")))
                .findFirst()
                .orElseThrow();
        assertThat(row1.source()).isEqualTo(Map.of("n", "1.5", "ts", "2024-01-01 10:00:00.123"));
        assertThat(row1.target()).containsEntry("n", "1.51").containsEntry("ts", "2024-01-01 10:00:00.123001");
        Difference missing = typed.differences().stream()
                .filter(d -> d.kind() == DifferenceKind.MISSING_ON_TARGET)
                .findFirst()
                .orElseThrow();
        assertThat(missing.source()).containsEntry("tx", "").containsEntry("id", "2");
        assertThat(missing.target()).isEmpty();
    }
}
