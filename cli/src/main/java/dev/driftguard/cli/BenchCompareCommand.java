package dev.driftguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.stack.LocalPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The batch-compare benchmark of the README: two local clusters with identical pgbench data, the floor (a whole-row
 * hash sum on both sides in parallel), a clean compare, then a compare after the UPDATE and DELETE on the
 * target, which must find exactly those 550 rows. Each compare runs as its own JVM (the one the command would run),
 * whose peak resident memory (VmHWM) is sampled from /proc.
 */
@Command(
        name = "compare",
        description = {
            "Benchmark batch compare on pgbench data (two local PostgreSQL clusters) and print the figures:"
                    + " floor, clean compare, compare with 550 differences, rows/s, peak RSS.",
            "Exit code 0 when every target is met, 1 otherwise."
        })
final class BenchCompareCommand implements Callable<Integer> {

    static final String FLOOR_QUERY = "SELECT sum(hashtextextended(a::text, 0)) FROM pgbench_accounts a";
    static final String UPDATE = "UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid % 10000 = 0";
    static final String DELETE = "DELETE FROM pgbench_accounts WHERE aid % 100000 = 7";

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--scale",
            paramLabel = "N",
            description = "pgbench scale: 100000 accounts each (default ${DEFAULT-VALUE}).")
    int scale = 50;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "--threads of the compares (default ${DEFAULT-VALUE}).")
    int threads = 4;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            description = "Runs of each measurement; the median is reported (default ${DEFAULT-VALUE}).")
    int repeat = 3;

    @Option(
            names = "--jvm-options",
            paramLabel = "OPTS",
            description = "JVM options of the compare processes (default ${DEFAULT-VALUE}).")
    String jvmOptions = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @Option(
            names = "--keep-dir",
            paramLabel = "DIR",
            description = "Keep the compares' JSON reports in this directory.")
    Path keepDir;

    record Measured(double engineSeconds, double processSeconds, long peakRssKb, JsonNode report) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path reports =
                keepDir != null ? Files.createDirectories(keepDir) : Files.createTempDirectory("driftguard-bench");
        try (LocalPostgres source = LocalPostgres.start(
                        LocalPostgres.Options.builder().name("bench_source").build());
                LocalPostgres target = LocalPostgres.start(
                        LocalPostgres.Options.builder().name("bench_target").build())) {
            long rows = scale * 100_000L;
            out.printf("pgbench -i -s %d on both clusters (%,d rows in pgbench_accounts)...%n", scale, rows);
            out.flush();
            CompletableFuture<Void> s = CompletableFuture.runAsync(() -> pgbenchInit(source));
            CompletableFuture<Void> t = CompletableFuture.runAsync(() -> pgbenchInit(target));
            s.join();
            t.join();

            floor(source, target); // warms both caches
            // Floor and clean compare alternate, so that a load change on the machine hits both alike.
            double[] floors = new double[repeat];
            double[] cleanRatios = new double[repeat];
            List<Measured> clean = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                floors[i] = floor(source, target);
                clean.add(compare(source, target, reports.resolve("clean-" + i + ".json")));
                cleanRatios[i] = clean.get(i).engineSeconds() / floors[i];
            }
            double floor = median(floors);
            try (Connection c = target.connect("postgres");
                    Statement st = c.createStatement()) {
                st.execute(UPDATE);
                st.execute(DELETE);
            }
            List<Measured> diff = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                diff.add(compare(source, target, reports.resolve("differences-" + i + ".json")));
            }
            Measured cleanMedian = byEngineTime(clean);
            Measured diffMedian = byEngineTime(diff);
            String found = checkDifferences(diffMedian.report());
            long cleanDifferences = clean.get(0)
                    .report()
                    .path("summary")
                    .path("differences")
                    .path("total")
                    .asLong();
            long peakRss = 0;
            for (Measured m : clean) {
                peakRss = Math.max(peakRss, m.peakRssKb());
            }
            for (Measured m : diff) {
                peakRss = Math.max(peakRss, m.peakRssKb());
            }

            double cleanRatio = median(cleanRatios);
            double diffRatio = diffMedian.engineSeconds() / cleanMedian.engineSeconds();
            boolean met = cleanDifferences == 0
                    && found == null
                    && cleanRatio <= 1.5
                    && diffRatio <= 2.0
                    && peakRss <= 512 * 1024;
            out.println();
            out.printf(
                    Locale.ROOT,
                    "batch compare benchmark: pgbench scale %d (%,d rows), --threads %d, %d cores,"
                            + " median of %d, compare JVM: %s%n",
                    scale,
                    rows,
                    threads,
                    Runtime.getRuntime().availableProcessors(),
                    repeat,
                    jvmOptions);
            out.printf(
                    Locale.ROOT,
                    "  floor (sum(hashtextextended(a::text,0)) on both sides in parallel): %6.2f s%n",
                    floor);
            out.printf(
                    Locale.ROOT,
                    "  clean compare:                   %6.2f s  = %.2fx floor (median of paired runs; target <= 1.5x)  %,.0f rows/s"
                            + "  [process %.2f s]%n",
                    cleanMedian.engineSeconds(),
                    cleanRatio,
                    rows / cleanMedian.engineSeconds(),
                    cleanMedian.processSeconds());
            out.printf(
                    Locale.ROOT,
                    "  compare with 550 differences:    %6.2f s  = %.2fx clean (target <= 2x)     %,.0f rows/s"
                            + "  [process %.2f s]%n",
                    diffMedian.engineSeconds(),
                    diffRatio,
                    rows / diffMedian.engineSeconds(),
                    diffMedian.processSeconds());
            out.printf(
                    Locale.ROOT,
                    "  differences found: %s%n",
                    found == null
                            ? "exactly the 550 expected (500 VALUE_MISMATCH" + " [abalance], 50 MISSING_ON_TARGET)"
                            : "WRONG: " + found);
            out.printf(
                    Locale.ROOT, "  peak RSS of the compare JVM:     %6.0f MB (target <= 512 MB)%n", peakRss / 1024.0);
            out.printf(
                    "  runs: floor %s s, clean %s s, differences %s s%n",
                    Arrays.toString(round(floors)), engineTimes(clean), engineTimes(diff));
            out.println(met ? "all targets met" : "TARGETS NOT MET");
            if (keepDir != null) {
                out.println("reports in " + keepDir.toAbsolutePath());
            }
            out.flush();
            return met ? ExitCodes.OK : ExitCodes.DIFFERENCES;
        }
    }

    private static String engineTimes(List<Measured> runs) {
        return Arrays.toString(
                round(runs.stream().mapToDouble(Measured::engineSeconds).toArray()));
    }

    private static double[] round(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray();
    }

    private static Measured byEngineTime(List<Measured> runs) {
        List<Measured> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.engineSeconds(), b.engineSeconds()));
        return sorted.get(sorted.size() / 2);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private void pgbenchInit(LocalPostgres postgres) {
        Path pgbench = postgres.binDirectory().resolve("pgbench");
        run(List.of(
                pgbench.toString(),
                "-i",
                "-s",
                Integer.toString(scale),
                "-q",
                "-h",
                postgres.host(),
                "-p",
                Integer.toString(postgres.port()),
                "-U",
                LocalPostgres.SUPERUSER,
                "postgres"));
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    /** The floor: the whole-row hash sum on both sides at once, as the issue defines it. */
    private static double floor(LocalPostgres source, LocalPostgres target) {
        long start = System.nanoTime();
        CompletableFuture<Void> s = CompletableFuture.runAsync(() -> query(source, FLOOR_QUERY));
        CompletableFuture<Void> t = CompletableFuture.runAsync(() -> query(target, FLOOR_QUERY));
        s.join();
        t.join();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void query(LocalPostgres postgres, String sql) {
        try (Connection c = postgres.connect("postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("benchmark query failed on " + postgres + ": " + e.getMessage(), e);
        }
    }

    /** Runs a compare of pgbench_accounts in its own JVM, sampling its peak RSS. */
    private Measured compare(LocalPostgres source, LocalPostgres target, Path report) throws Exception {
        Path jar = Path.of(BenchCompareCommand.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        command.addAll(List.of(
                "-cp",
                jar.toString(),
                DriftguardCommand.class.getName(),
                "compare",
                "--source",
                source.uri("postgres"),
                "--target",
                target.uri("postgres"),
                "--tables",
                "pgbench_accounts",
                "--threads",
                Integer.toString(threads),
                "--json",
                report.toString(),
                "--progress",
                "none"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        report.resolveSibling(report.getFileName() + ".log").toFile()))
                .start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, peakRssKb(status));
        }
        double processSeconds = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() > 1) {
            throw new IllegalStateException("the compare failed (exit " + p.exitValue() + "); see " + report + ".log");
        }
        JsonNode json = JSON.readTree(report.toFile());
        return new Measured(json.path("summary").path("durationMillis").asLong() / 1000.0, processSeconds, peak, json);
    }

    private static long peakRssKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended between the check and the read: its last sample stands.
        }
        return 0;
    }

    /** Null when exactly the rows the UPDATE and DELETE touched are reported, else what is wrong. */
    static String checkDifferences(JsonNode report) {
        JsonNode table = null;
        for (JsonNode t : report.path("tables")) {
            if (t.path("table").asText().equals("public.pgbench_accounts")) {
                table = t;
            }
        }
        if (table == null) {
            return "no result for public.pgbench_accounts";
        }
        int mismatches = 0;
        int missing = 0;
        for (JsonNode d : table.path("differences")) {
            long aid = d.path("key").path("aid").asLong();
            String kind = d.path("kind").asText();
            if (kind.equals("VALUE_MISMATCH")
                    && aid % 10000 == 0
                    && d.path("columns").toString().equals("[\"abalance\"]")
                    && d.path("target").path("abalance").asLong()
                            == d.path("source").path("abalance").asLong() + 1) {
                mismatches++;
            } else if (kind.equals("MISSING_ON_TARGET") && aid % 100000 == 7) {
                missing++;
            } else {
                return "unexpected difference " + d;
            }
        }
        long total = table.path("differenceCounts").path("total").asLong();
        if (mismatches != 500 || missing != 50 || total != 550) {
            return mismatches + " VALUE_MISMATCH and " + missing + " MISSING_ON_TARGET listed, " + total + " counted";
        }
        return null;
    }
}
