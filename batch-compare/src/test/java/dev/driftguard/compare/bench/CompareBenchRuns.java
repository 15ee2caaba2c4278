package dev.driftguard.compare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.stack.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timed runs of the benchmark: the floor (the whole-row hash sum on both sides at once, as the issue defines it)
 * and a compare exactly as a user runs it: {@code ./driftguard compare --source ... --target ... --tables ...} through
 * the launcher, default options, no {@code DRIFTGUARD_JAVA_OPTS}, timed from start to exit of the process, whose peak
 * resident memory (VmHWM) is sampled from /proc.
 */
final class CompareBenchRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One timed run: wall seconds, the 1-minute load average just before it, and for a compare its RSS and report. */
    record Run(double seconds, double load, long peakRssKb, JsonNode report) {}

    private final Path launcher;
    private final Path reports;
    private final LocalPostgres source;
    private final LocalPostgres target;

    CompareBenchRuns(Path launcher, Path reports, LocalPostgres source, LocalPostgres target) {
        this.launcher = launcher;
        this.reports = reports;
        this.source = source;
        this.target = target;
    }

    Run floor(CompareBenchWorkload workload) {
        double load = loadAverage();
        long start = System.nanoTime();
        CompletableFuture<Void> s = CompletableFuture.runAsync(() -> query(source, workload.floorQuery()));
        CompletableFuture<Void> t = CompletableFuture.runAsync(() -> query(target, workload.floorQuery()));
        s.join();
        t.join();
        return new Run((System.nanoTime() - start) / 1e9, load, 0, null);
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

    /** Runs {@code ./driftguard compare} of the workload's table; {@code name} names its report and log. */
    Run compare(CompareBenchWorkload workload, String name) throws IOException, InterruptedException {
        Path report = reports.resolve(name + ".json");
        Path log = reports.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        launcher.toString(),
                        "compare",
                        "--source",
                        source.uri("postgres"),
                        "--target",
                        target.uri("postgres"),
                        "--tables",
                        workload.table(),
                        "--json",
                        report.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.remove("DRIFTGUARD_JAVA_OPTS");
        double load = loadAverage();
        long start = System.nanoTime();
        Process p = builder.start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, peakRssKb(status));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);
        if (output.contains("building the command-line jar")) {
            throw new IllegalStateException("the launcher rebuilt the jar during a timed run (sources changed): run the"
                    + " benchmark again on an unchanged tree");
        }
        if (p.exitValue() > 1) {
            throw new IllegalStateException("the compare failed (exit " + p.exitValue() + "); see " + log);
        }
        return new Run(seconds, load, peak, JSON.readTree(report.toFile()));
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

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }
}
