package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Key types and shapes, with segments, buckets and bucket splits small enough that a few thousand rows exercise
 * all of them: composite, text (in collations that order differently on the two sides) and uuid keys.
 */
@ExtendWith(LocalStackExtension.class)
class KeysITCase {

    private static CompareResult compareSmall(ComparePair pair) {
        return pair.compare(o -> o.segmentRows(500).bucketRows(10).leafRows(40).fetchBatchRows(200));
    }

    @Test
    void compositeKeysAcrossIntegerWidths(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "keys_composite");
        pair.onSource(
                "CREATE TABLE c (region int2, code text COLLATE \"C\", n int4, v text, PRIMARY KEY (region, code, n))");
        pair.onTarget(
                "CREATE TABLE c (region int8, code varchar(20) COLLATE \"C\", n int8, v text, PRIMARY KEY (region, code, n))");
        pair.onBoth(
                "INSERT INTO c SELECT g % 7, 'k' || (g % 13), g, md5(g::text) FROM generate_series(1, 4000) g",
                "ANALYZE c");
        pair.onTarget(
                "UPDATE c SET v = 'changed' WHERE n IN (5, 1500, 3999)",
                "DELETE FROM c WHERE n IN (17, 2000)",
                "INSERT INTO c VALUES (3, 'new', 99999, 'x')");

        CompareResult result = compareSmall(pair);

        TableResult c = ComparePair.table(result, "public.c");
        assertThat(c.segments()).isGreaterThan(1);
        assertThat(c.differences())
                .extracting(d -> d.kind() + " " + d.key().values() + " " + d.columns())
                .containsExactlyInAnyOrder(
                        "VALUE_MISMATCH [5, k5, 5] [v]",
                        "VALUE_MISMATCH [2, k5, 1500] [v]",
                        "VALUE_MISMATCH [2, k8, 3999] [v]",
                        "MISSING_ON_TARGET [3, k4, 17] []",
                        "MISSING_ON_TARGET [5, k11, 2000] []",
                        "EXTRA_ON_TARGET [3, new, 99999] []");
        assertThat(c.sourceRows()).isEqualTo(4000);
        assertThat(c.targetRows()).isEqualTo(3999);
    }

    @Test
    void textKeysInCollationsThatOrderDifferently(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "keys_text");
        // ICU orders 'a' before 'B', C orders 'B' before 'a': ranges must not depend on either side's collation.
        pair.onSource("CREATE TABLE t (k text COLLATE \"und-x-icu\" PRIMARY KEY, v int)");
        pair.onTarget("CREATE TABLE t (k text COLLATE \"C\" PRIMARY KEY, v int)");
        // A second table whose byte-ordered index lets segments be read by key range on both sides.
        pair.onBoth("CREATE TABLE r (k text COLLATE \"C\" PRIMARY KEY, v int)");
        for (String table : new String[] {"t", "r"}) {
            pair.onBoth(
                    "INSERT INTO " + table + " SELECT CASE g % 3 WHEN 0 THEN upper(md5(g::text)) WHEN 1 THEN"
                            + " md5(g::text) ELSE 'é' || g END, g FROM generate_series(1, 3000) g",
                    "ANALYZE " + table);
            pair.onTarget(
                    "UPDATE " + table + " SET v = -v WHERE v IN (3, 1001)",
                    "DELETE FROM " + table + " WHERE v = 2000",
                    "INSERT INTO " + table + " VALUES ('Zz extra', 0)");
        }

        CompareResult result = compareSmall(pair);

        for (String table : new String[] {"public.t", "public.r"}) {
            TableResult t = ComparePair.table(result, table);
            assertThat(t.differences())
                    .as(table)
                    .extracting(d -> d.kind() + " " + d.key().values() + " " + d.columns())
                    .containsExactlyInAnyOrder(
                            "VALUE_MISMATCH [" + md5Upper(3) + "] [v]",
                            "VALUE_MISMATCH [é1001] [v]",
                            "MISSING_ON_TARGET [é2000] []",
                            "EXTRA_ON_TARGET [Zz extra] []");
        }
        assertThat(ComparePair.table(result, "public.r").segments()).isGreaterThan(1);
    }

    private static String md5Upper(int g) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5")
                    .digest(Integer.toString(g).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().withUpperCase().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void uuidKeys(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "keys_uuid");
        pair.onBoth(
                "CREATE TABLE u (id uuid PRIMARY KEY, v int)",
                "INSERT INTO u SELECT md5(g::text)::uuid, g FROM generate_series(1, 3000) g",
                "ANALYZE u");
        pair.onTarget("UPDATE u SET v = 0 WHERE v = 77", "DELETE FROM u WHERE v = 78");

        CompareResult result = compareSmall(pair);

        TableResult u = ComparePair.table(result, "public.u");
        assertThat(u.segments()).isGreaterThan(1);
        assertThat(u.differences())
                .extracting(d -> d.kind() + " " + d.columns())
                .containsExactlyInAnyOrder("VALUE_MISMATCH [v]", "MISSING_ON_TARGET []");
        assertThat(u.differences().get(0).key().values().get(0)).matches("[0-9a-f-]{36}");
    }

    @Test
    void partitionedTablesAreComparedThroughTheirParent(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "keys_partitioned");
        pair.onSource(
                "CREATE TABLE p (id int8 PRIMARY KEY, v text) PARTITION BY RANGE (id)",
                "CREATE TABLE p_low PARTITION OF p FOR VALUES FROM (MINVALUE) TO (2000)",
                "CREATE TABLE p_high PARTITION OF p FOR VALUES FROM (2000) TO (MAXVALUE)");
        pair.onTarget("CREATE TABLE p (id int8 PRIMARY KEY, v text)");
        pair.onBoth("INSERT INTO p SELECT g, 'v' || g FROM generate_series(1, 4000) g", "ANALYZE p");
        pair.onTarget("UPDATE p SET v = 'w' WHERE id IN (10, 3000)");

        CompareResult result = compareSmall(pair);

        assertThat(result.tables()).extracting(t -> t.table().toString()).containsExactly("public.p");
        TableResult p = ComparePair.table(result, "public.p");
        assertThat(p.segments()).isGreaterThan(1);
        assertThat(p.sourceRows()).isEqualTo(4000);
        assertThat(p.differences()).extracting(d -> d.key().values().get(0)).containsExactlyInAnyOrder("10", "3000");
    }

    @Test
    void targetWithManyMoreRowsIsSplitFromTheLargerSide(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "keys_extra");
        pair.onBoth("CREATE TABLE e (id int8 PRIMARY KEY, v text)");
        pair.onSource("INSERT INTO e SELECT g, 'v' FROM generate_series(1, 100) g", "ANALYZE e");
        pair.onTarget("INSERT INTO e SELECT g, 'v' FROM generate_series(1, 5000) g", "ANALYZE e");

        CompareResult result = pair.compare(
                o -> o.segmentRows(1000).bucketRows(10).leafRows(40).maxDifferencesPerTable(10));

        TableResult e = ComparePair.table(result, "public.e");
        assertThat(e.counts()).isEqualTo(new DifferenceCounts(0, 4900, 0));
        assertThat(e.differences()).hasSize(10).allMatch(d -> d.kind() == DifferenceKind.EXTRA_ON_TARGET);
        assertThat(e.differencesTruncated()).isTrue();
    }
}
