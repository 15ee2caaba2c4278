package dev.driftguard.cli;

import dev.driftguard.cli.CompareBenchRuns.Run;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.LocalPostgresOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The batch-compare benchmark of the README: two local clusters with identical data at several sizes (pgbench scales
 * and a table of 50 columns); per size the floor and a clean compare alternate, then the floor and a compare after 550
 * injected differences, which must be found exactly. Every compare is {@code ./driftguard compare} as a user runs it,
 * timed as a whole process.
 */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = {
            "Benchmark batch compare on pgbench data and a table of 50 columns (two local PostgreSQL clusters) and"
                    + " print, per size: floor, clean compare, compare with 550 differences, ratios, peak RSS, load.",
            "Exit code 0 when every target is met, 1 otherwise."
        })
final class BenchCompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--scales",
            split = ",",
            paramLabel = "N,...",
            defaultValue = "10,50,200",
            description = "pgbench scales, 100,000 accounts each (default ${DEFAULT-VALUE}).")
    List<Integer> scales;

    @Option(
            names = "--wide-rows",
            paramLabel = "N",
            description = "Rows of the 50-column table, a multiple of 500; 0 leaves it out (default ${DEFAULT-VALUE}).")
    long wideRows = 1_000_000;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            description = "Paired runs (floor, then compare) of each measurement; medians are reported (default"
                    + " ${DEFAULT-VALUE}).")
    int repeat = 3;

    @Option(
            names = "--launcher",
            paramLabel = "PATH",
            description = "The driftguard launcher the compares run through (default: the one next to this jar's"
                    + " build).")
    Path launcher;

    @Option(
            names = "--keep-dir",
            paramLabel = "DIR",
            description = "Keep the compares' JSON reports and logs in this directory.")
    Path keepDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (repeat < 1 || wideRows < 0 || wideRows % CompareBenchWorkload.UPDATED != 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--repeat must be at least 1 and --wide-rows a multiple of 500");
        }
        List<CompareBenchWorkload> workloads = new ArrayList<>();
        scales.forEach(scale -> workloads.add(CompareBenchWorkload.pgbench(scale)));
        if (wideRows > 0) {
            workloads.add(CompareBenchWorkload.wide(wideRows));
        }
        Path reports =
                keepDir != null ? Files.createDirectories(keepDir) : Files.createTempDirectory("driftguard-bench");
        List<CompareBenchResult> results = new ArrayList<>();
        try (LocalPostgres source = LocalPostgres.start(
                        LocalPostgresOptions.builder().name("bench_source").build());
                LocalPostgres target = LocalPostgres.start(
                        LocalPostgresOptions.builder().name("bench_target").build())) {
            CompareBenchRuns runs = new CompareBenchRuns(launcher(), reports, source, target);
            for (CompareBenchWorkload workload : workloads) {
                out.printf(
                        Locale.ROOT,
                        "loading %s (%,d rows) into both clusters...%n",
                        workload.label(),
                        workload.rows());
                out.flush();
                workload.load(source, target);
                results.add(measure(workload, runs, target));
            }
        }
        return report(out, results);
    }

    private Path launcher() {
        if (launcher != null) {
            return launcher;
        }
        try {
            Path jar = Path.of(BenchCompareCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // <repository>/cli/target/driftguard.jar -> <repository>/driftguard
            return jar.toAbsolutePath().getParent().getParent().getParent().resolve("driftguard");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the driftguard launcher; pass --launcher", e);
        }
    }

    private CompareBenchResult measure(CompareBenchWorkload workload, CompareBenchRuns runs, LocalPostgres target)
            throws Exception {
        String name = workload.table() + "-" + workload.rows();
        // Warm-up, not counted: both caches, and the first compare after a build records the class-data archive.
        runs.floor(workload);
        runs.compare(workload, name + "-warmup");
        List<Run> cleanFloors = new ArrayList<>();
        List<Run> clean = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            cleanFloors.add(runs.floor(workload));
            clean.add(runs.compare(workload, name + "-clean-" + i));
        }
        workload.injectDifferences(target);
        List<Run> diffFloors = new ArrayList<>();
        List<Run> diff = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            diffFloors.add(runs.floor(workload));
            diff.add(runs.compare(workload, name + "-differences-" + i));
        }
        String wrong = null;
        for (Run run : diff) {
            wrong = wrong != null ? wrong : workload.checkDifferences(run.report());
        }
        long cleanDifferences = clean.stream()
                .mapToLong(r -> r.report()
                        .path("summary")
                        .path("differences")
                        .path("total")
                        .asLong())
                .sum();
        return new CompareBenchResult(workload, cleanFloors, clean, diffFloors, diff, wrong, cleanDifferences);
    }

    private int report(PrintWriter out, List<CompareBenchResult> results) {
        out.println();
        out.printf(
                Locale.ROOT,
                "batch compare benchmark, %s: %d cores, ./driftguard compare as a user runs it (whole process,"
                        + " default options), median of %d paired runs%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                repeat);
        boolean met = true;
        for (CompareBenchResult r : results) {
            r.print(out);
            met &= r.differencesFound() && r.diffRatio() <= 2.0 && r.peakRssKb() <= 512 * 1024;
            if (r.workload().rows() == 5_000_000 && r.workload().table().equals("pgbench_accounts")) {
                met &= r.cleanRatio() <= 1.5;
            }
        }
        out.println(
                "targets: clean <= 1.5x floor at 5M rows (whole process), differences <= 2x clean and found exactly,"
                        + " peak RSS <= 512 MB");
        out.println(met ? "all targets met" : "TARGETS NOT MET");
        if (keepDir != null) {
            out.println("reports in " + keepDir.toAbsolutePath());
        }
        out.flush();
        return met ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }
}
