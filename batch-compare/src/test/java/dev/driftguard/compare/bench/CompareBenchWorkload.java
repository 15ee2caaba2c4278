package dev.driftguard.compare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftguard.stack.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One table of the batch-compare benchmark: how both clusters get identical data, the floor query over it, and the
 * 550 differences injected on the target (500 rows with one column changed by +1, 50 rows deleted, spread evenly over
 * the key range at every size), with the check that a compare reports exactly those.
 */
record CompareBenchWorkload(String label, String table, String key, String column, long rows, List<String> setup) {

    static final int UPDATED = 500;
    static final int DELETED = 50;

    /** pgbench_accounts at pgbench scale {@code scale} (100,000 rows each), created by {@code pgbench -i}. */
    static CompareBenchWorkload pgbench(int scale) {
        return new CompareBenchWorkload(
                "pgbench scale " + scale, "pgbench_accounts", "aid", "abalance", scale * 100_000L, List.of());
    }

    /**
     * A table of 50 columns (an int8 key and 49 of int4, int8, numeric, text with NULLs, timestamptz, bool and float8)
     * with {@code rows} rows.
     */
    static CompareBenchWorkload wide(long rows) {
        String[] types = {"int4", "int8", "numeric(14,2)", "text", "timestamptz", "bool", "float8"};
        StringBuilder create = new StringBuilder("CREATE TABLE bench_wide (id int8 PRIMARY KEY");
        StringBuilder select = new StringBuilder("INSERT INTO bench_wide SELECT i");
        for (int j = 1; j <= 49; j++) {
            String type = types[(j - 1) % types.length];
            create.append(String.format(", c%02d %s", j, type));
            select.append(", ").append(wideValue(type, j));
        }
        create.append(")");
        select.append(" FROM generate_series(1, ").append(rows).append(") AS g(i)");
        return new CompareBenchWorkload(
                "50 columns",
                "bench_wide",
                "id",
                "c01",
                rows,
                List.of(
                        "DROP TABLE IF EXISTS bench_wide",
                        create.toString(),
                        select.toString(),
                        "VACUUM ANALYZE bench_wide"));
    }

    private static String wideValue(String type, int j) {
        return switch (type) {
            case "int4" -> "((i * " + (j + 3) + ") % 100000)::int4";
            case "int8" -> "i * " + (j + 11);
            case "numeric(14,2)" -> "((i * " + j + ") % 1000000) / 100.0";
            case "text" -> "CASE WHEN i % 13 = " + (j % 13) + " THEN NULL ELSE md5((i + " + j + ")::text) END";
            case "timestamptz" ->
                "timestamptz '2020-01-01 00:00:00+00' + ((i * " + j + ") % 100000000) * interval '1 s'";
            case "bool" -> "(i + " + j + ") % 3 = 0";
            default -> "(i * " + j + ") / 7.0::float8";
        };
    }

    String floorQuery() {
        return "SELECT sum(hashtextextended(a::text, 0)) FROM " + table + " a";
    }

    private long updateModulus() {
        return rows / UPDATED;
    }

    private long deleteModulus() {
        return rows / DELETED;
    }

    /** Fills both clusters with the same data. */
    void load(LocalPostgres source, LocalPostgres target) {
        CompletableFuture<Void> s = CompletableFuture.runAsync(() -> load(source));
        CompletableFuture<Void> t = CompletableFuture.runAsync(() -> load(target));
        s.join();
        t.join();
    }

    private void load(LocalPostgres postgres) {
        if (setup.isEmpty()) {
            pgbenchInit(postgres);
            return;
        }
        try (Connection c = postgres.connect("postgres");
                Statement st = c.createStatement()) {
            for (String sql : setup) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + table + " on " + postgres + ": " + e.getMessage(), e);
        }
    }

    private void pgbenchInit(LocalPostgres postgres) {
        List<String> command = new ArrayList<>(List.of(
                postgres.binDirectory().resolve("pgbench").toString(),
                "-i",
                "-s",
                Long.toString(rows / 100_000),
                "-q",
                "-h",
                postgres.host(),
                "-p",
                Integer.toString(postgres.port()),
                "-U",
                LocalPostgres.SUPERUSER,
                "postgres"));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + Path.of(command.get(0)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running pgbench", e);
        }
    }

    /** The 500 updates and 50 deletes, on the target. */
    void injectDifferences(LocalPostgres target) {
        try (Connection c = target.connect("postgres");
                Statement st = c.createStatement()) {
            st.execute("UPDATE " + table + " SET " + column + " = " + column + " + 1 WHERE " + key + " % "
                    + updateModulus() + " = 0");
            st.execute("DELETE FROM " + table + " WHERE " + key + " % " + deleteModulus() + " = 7");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change " + table + " on the target: " + e.getMessage(), e);
        }
    }

    /** Null when a compare's report lists exactly the injected differences, else what is wrong. */
    String checkDifferences(JsonNode report) {
        JsonNode result = null;
        for (JsonNode t : report.path("tables")) {
            if (t.path("table").asText().equals("public." + table)) {
                result = t;
            }
        }
        if (result == null) {
            return "no result for public." + table;
        }
        int mismatches = 0;
        int missing = 0;
        for (JsonNode d : result.path("differences")) {
            long id = d.path("key").path(key).asLong();
            String kind = d.path("kind").asText();
            if (kind.equals("VALUE_MISMATCH")
                    && id % updateModulus() == 0
                    && d.path("columns").toString().equals("[\"" + column + "\"]")
                    && d.path("target").path(column).asLong()
                            == d.path("source").path(column).asLong() + 1) {
                mismatches++;
            } else if (kind.equals("MISSING_ON_TARGET") && id % deleteModulus() == 7) {
                missing++;
            } else {
                return "unexpected difference " + d;
            }
        }
        long total = result.path("differenceCounts").path("total").asLong();
        if (mismatches != UPDATED || missing != DELETED || total != UPDATED + DELETED) {
            return mismatches + " VALUE_MISMATCH and " + missing + " MISSING_ON_TARGET listed, " + total + " counted";
        }
        return null;
    }
}
