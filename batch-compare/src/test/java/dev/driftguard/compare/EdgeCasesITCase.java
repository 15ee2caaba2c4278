package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class EdgeCasesITCase {

    @Test
    void nullAndEmptyTextDiffer(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "null_empty");
        pair.onBoth("CREATE TABLE t (id int PRIMARY KEY, a text, b text)");
        pair.onSource("INSERT INTO t VALUES (1, '', NULL), (2, NULL, NULL), (3, '', '')");
        pair.onTarget("INSERT INTO t VALUES (1, NULL, ''), (2, NULL, NULL), (3, '', '')");

        TableResult t = ComparePair.table(pair.compare(), "public.t");

        assertThat(t.differences()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DifferenceKind.VALUE_MISMATCH);
            assertThat(d.columns()).containsExactly("a", "b");
            assertThat(d.source()).containsEntry("a", "").containsEntry("b", null);
            assertThat(d.target()).containsEntry("a", null).containsEntry("b", "");
        });
    }

    @Test
    void hashOnlyNeverReadsValues(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "hash_only");
        pair.onBoth("CREATE TABLE t (id int PRIMARY KEY, secret text, other int)");
        pair.onSource("INSERT INTO t VALUES (1, 'card 4111', 1), (2, 'x', 2)");
        pair.onTarget("INSERT INTO t VALUES (1, 'card 4112', 1), (3, 'y', 3)");

        TableResult t = ComparePair.table(pair.compare(o -> o.hashOnly(true)), "public.t");

        assertThat(t.differences())
                .extracting(d -> d.kind() + " " + d.key().values() + " " + d.columns())
                .containsExactlyInAnyOrder(
                        "VALUE_MISMATCH [1] [secret]", "MISSING_ON_TARGET [2] []", "EXTRA_ON_TARGET [3] []");
        assertThat(t.differences()).allSatisfy(d -> {
            assertThat(d.source()).isEmpty();
            assertThat(d.target()).isEmpty();
        });
    }

    @Test
    void toastedTextDifferingInItsLastCharacter(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "toast");
        pair.onBoth(
                "CREATE TABLE doc (id int PRIMARY KEY, body text, note text)",
                // Random text does not compress, so the 200 KB value is stored out of line (TOAST).
                "INSERT INTO doc SELECT g, (SELECT string_agg(md5(g::text || i::text), '') FROM generate_series(1, 6400) i),"
                        + " 'n' FROM generate_series(1, 3) g");
        pair.onTarget("UPDATE doc SET body = left(body, -1) || 'X' WHERE id = 2");

        TableResult doc = ComparePair.table(pair.compare(o -> o.valueLimitChars(100)), "public.doc");

        assertThat(doc.differences()).singleElement().satisfies(d -> {
            assertThat(d.key().values()).containsExactly("2");
            assertThat(d.columns()).containsExactly("body");
            assertThat(d.source().get("body"))
                    .hasSize(100 + Difference.TRUNCATION_MARK.length())
                    .endsWith(Difference.TRUNCATION_MARK);
        });
        try (Connection c = postgres.connect(pair.source);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT length(body), pg_column_size(body) < length(body) FROM doc WHERE id = 2")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(204_800);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void emptyTablesAndOneEmptySide(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "empty");
        pair.onBoth(
                "CREATE TABLE both_empty (id int PRIMARY KEY)",
                "CREATE TABLE target_empty (id int PRIMARY KEY, v text)",
                "CREATE TABLE source_empty (id int PRIMARY KEY, v text)");
        pair.onSource(
                "INSERT INTO target_empty SELECT g, 'v' || g FROM generate_series(1, 1500) g", "ANALYZE target_empty");
        pair.onTarget("INSERT INTO source_empty SELECT g, 'v' || g FROM generate_series(1, 5) g");

        CompareResult result = pair.compare(o -> o.segmentRows(400).maxDifferencesPerTable(20));

        TableResult bothEmpty = ComparePair.table(result, "public.both_empty");
        assertThat(bothEmpty.status()).isEqualTo(TableStatus.IDENTICAL);
        assertThat(bothEmpty.sourceRows()).isZero();
        TableResult targetEmpty = ComparePair.table(result, "public.target_empty");
        assertThat(targetEmpty.status()).isEqualTo(TableStatus.DIFFERENT);
        assertThat(targetEmpty.counts()).isEqualTo(new DifferenceCounts(1500, 0, 0));
        assertThat(targetEmpty.differences()).hasSize(20).allSatisfy(d -> {
            assertThat(d.kind()).isEqualTo(DifferenceKind.MISSING_ON_TARGET);
            assertThat(d.source()).containsKeys("id", "v");
        });
        TableResult sourceEmpty = ComparePair.table(result, "public.source_empty");
        assertThat(sourceEmpty.counts()).isEqualTo(new DifferenceCounts(0, 5, 0));
        assertThat(sourceEmpty.differences())
                .extracting(d -> d.target().get("v"))
                .containsExactlyInAnyOrder("v1", "v2", "v3", "v4", "v5");
        assertThat(result.allIdentical()).isFalse();
    }

    @Test
    void tableMissingOnOneSideAndSchemaDifferencesAreReported(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "schema_diff");
        pair.onSource(
                "CREATE TABLE only_source (id int PRIMARY KEY)",
                "INSERT INTO only_source VALUES (1), (2)",
                "CREATE TABLE cols (id int PRIMARY KEY, kept text, gone text, typed int)");
        pair.onTarget(
                "CREATE TABLE only_target (id int PRIMARY KEY)",
                "CREATE TABLE cols (id int PRIMARY KEY, kept text, added text, typed text)");
        pair.onSource("INSERT INTO cols VALUES (1, 'a', 'x', 1), (2, 'b', 'y', 2)");
        pair.onTarget("INSERT INTO cols VALUES (1, 'a', 'z', '1'), (2, 'B', 'z', '2')");

        CompareResult result = pair.compare();

        TableResult onlySource = ComparePair.table(result, "public.only_source");
        assertThat(onlySource.status()).isEqualTo(TableStatus.DIFFERENT);
        assertThat(onlySource.reason()).isEqualTo("table exists on the source only (2 rows)");
        assertThat(ComparePair.table(result, "public.only_target").reason()).contains("target only");
        TableResult cols = ComparePair.table(result, "public.cols");
        assertThat(cols.status()).isEqualTo(TableStatus.DIFFERENT);
        assertThat(cols.schemaDifferences())
                .extracting(d -> d.kind() + " " + d.column())
                .containsExactly("MISSING_ON_SOURCE added", "MISSING_ON_TARGET gone", "INCOMPATIBLE_TYPES typed");
        assertThat(cols.differences())
                .extracting(d -> d.key().values() + " " + d.columns())
                .containsExactly("[2] [kept]");
    }

    @Test
    void tableWithoutKeyIsSkippedUnlessAKeyIsDeclared(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "keyless");
        pair.onBoth(
                "CREATE TABLE events (at timestamptz NOT NULL, code text NOT NULL, payload text)",
                "INSERT INTO events SELECT timestamptz '2024-01-01' + g * interval '1 minute', 'c' || g, 'p'"
                        + " FROM generate_series(1, 50) g",
                "CREATE TABLE keyless_nullable (a int, b text)",
                "INSERT INTO keyless_nullable VALUES (1, 'x'), (NULL, 'y')");
        pair.onTarget("UPDATE events SET payload = 'q' WHERE code = 'c7'");

        CompareResult skipped = pair.compare();
        TableResult events = ComparePair.table(skipped, "public.events");
        assertThat(events.status()).isEqualTo(TableStatus.SKIPPED);
        assertThat(events.reason()).contains("no primary key").contains("--key public.events:");
        assertThat(skipped.allIdentical()).isFalse();

        CompareResult keyed = pair.compare(o -> o.key("events:at,code").key("keyless_nullable:a"));
        TableResult keyedEvents = ComparePair.table(keyed, "public.events");
        assertThat(keyedEvents.differences()).singleElement().satisfies(d -> {
            assertThat(d.key().columns()).containsExactly("at", "code");
            assertThat(d.key().values()).containsExactly("2024-01-01 00:07:00", "c7");
            assertThat(d.columns()).containsExactly("payload");
        });
        TableResult nullable = ComparePair.table(keyed, "public.keyless_nullable");
        assertThat(nullable.status()).isEqualTo(TableStatus.ERROR);
        assertThat(nullable.reason()).contains("1 row(s) on the source").contains("NULL in key column(s) [a]");
    }

    @Test
    void hostileIdentifiersAreQuotedEverywhere(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "hostile");
        String table = "\"My Schema\".\"we\"\"ird; drop table x; --\"";
        pair.onBoth(
                "CREATE TABLE x (id int PRIMARY KEY)",
                "CREATE SCHEMA \"My Schema\"",
                "CREATE TABLE " + table + " (\"Key Col\" text COLLATE \"C\" PRIMARY KEY, \"semi;colon\" int,"
                        + " \"quo\"\"te\" text, \"MixedCase\" int)",
                "INSERT INTO " + table
                        + " SELECT 'k' || g || ''' OR 1=1 --', g, 'v\"' || g, g FROM generate_series(1, 1200) g",
                "ANALYZE " + table);
        pair.onTarget("UPDATE " + table + " SET \"quo\"\"te\" = 'changed' WHERE \"semi;colon\" = 600");

        CompareResult result = pair.compare(o -> o.schema("\"My Schema\"")
                .schema("public")
                .segmentRows(300)
                .excludeColumns("\"My Schema\".\"we\"\"ird; drop table x; --\".\"MixedCase\"")
                .where("\"we\"\"ird; drop table x; --\":\"semi;colon\" > 10"));

        TableResult weird = ComparePair.table(result, "My Schema.we\"ird; drop table x; --");
        assertThat(weird.segments()).isGreaterThan(1);
        assertThat(weird.sourceRows()).isEqualTo(1190);
        assertThat(weird.differences()).singleElement().satisfies(d -> {
            assertThat(d.key().values()).containsExactly("k600' OR 1=1 --");
            assertThat(d.columns()).containsExactly("quo\"te");
            assertThat(d.target()).containsEntry("quo\"te", "changed");
        });
        assertThat(ComparePair.table(result, "public.x").status()).isEqualTo(TableStatus.IDENTICAL);
        postgres.execute(pair.source, "SELECT count(*) FROM x");
        postgres.execute(pair.target, "SELECT count(*) FROM x");
    }

    @Test
    void optionsNamingMissingTablesOrColumnsAreErrors(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "bad_options");
        pair.onBoth("CREATE TABLE t (id int PRIMARY KEY, v text)");

        assertThatThrownBy(() -> pair.compare(o -> o.tables("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--tables nope");
        assertThatThrownBy(() -> pair.compare(o -> o.excludeColumns("t.nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--exclude-columns t.nope");
        assertThatThrownBy(() -> pair.compare(o -> o.where("t:true; DELETE FROM t")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("';'");
        assertThat(pair.compare(o -> o.tables("t")).tables())
                .extracting(r -> r.table().toString())
                .containsExactly("public.t");
    }

    @Test
    void neverWritesToTheComparedDatabases(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "read_only");
        pair.onBoth(
                "CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a')", "CREATE SEQUENCE s");

        CompareResult result = pair.compare(o -> o.where("t:nextval('s') > 0"));

        assertThat(ComparePair.table(result, "public.t").status()).isEqualTo(TableStatus.ERROR);
        assertThat(ComparePair.table(result, "public.t").reason()).contains("read-only");
        for (String db : List.of(pair.source, pair.target)) {
            try (Connection c = postgres.connect(db);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM s")) {
                rs.next();
                assertThat(rs.getBoolean(2)).as("nextval never ran in " + db).isFalse();
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
    }
}
