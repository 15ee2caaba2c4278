package dev.driftguard.compare.bench;

import dev.driftguard.compare.bench.CompareBenchRuns.Run;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.SettingArgs;
import dev.driftguard.settings.Settings;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.LocalPostgresOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The batch-compare benchmark of the README: two local clusters with identical data at several sizes (pgbench scales
 * and a table of 50 columns); per size the floor and a clean compare alternate, then the floor and a compare after 550
 * injected differences, which must be found exactly. Every compare is {@code ./driftguard compare} as a user runs it,
 * timed as a whole process. Prints figures; exits 0 when every target is met, 1 otherwise.
 *
 * <p>Usage: {@code batch-compare/bench/run-benchmark.sh} with the arguments of {@link #SETTINGS}.
 */
public final class CompareBenchmark {

    static final Setting<String> SCALES = Setting.text("scales", "N,...")
            .description("pgbench scales, 100,000 accounts each.")
            .defaultValue("10,50,200")
            .check(text -> text.matches("\\d+(,\\d+)*"), "must be whole numbers separated by commas")
            .build();
    static final Setting<Long> WIDE_ROWS = Setting.longInteger("wide-rows")
            .description("Rows of the 50-column table, a multiple of 500; 0 leaves it out.")
            .defaultValue("1000000")
            .check(n -> n >= 0 && n % CompareBenchWorkload.UPDATED == 0, "must be a multiple of 500")
            .build();
    static final Setting<Integer> REPEAT = Setting.integer("repeat")
            .description("Paired runs (floor, then compare) of each measurement; medians are reported.")
            .defaultValue("3")
            .atLeast(1)
            .build();
    static final Setting<Path> LAUNCHER = Setting.path("launcher", "PATH")
            .description("The driftguard launcher the compares run through.")
            .required()
            .build();
    static final Setting<Path> KEEP_DIR = Setting.path("keep-dir", "DIR")
            .description("Keep the compares' JSON reports and logs in this directory.")
            .build();
    static final List<Setting<?>> SETTINGS = List.of(SCALES, WIDE_ROWS, REPEAT, LAUNCHER, KEEP_DIR);

    private final Settings settings;
    private final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);

    private CompareBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        System.exit(new CompareBenchmark(SettingArgs.parse(args, SETTINGS)).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        List<CompareBenchWorkload> workloads = new ArrayList<>();
        Arrays.stream(settings.get(SCALES).split(","))
                .map(Integer::parseInt)
                .forEach(scale -> workloads.add(CompareBenchWorkload.pgbench(scale)));
        if (settings.get(WIDE_ROWS) > 0) {
            workloads.add(CompareBenchWorkload.wide(settings.get(WIDE_ROWS)));
        }
        Path keepDir = settings.get(KEEP_DIR);
        Path reports =
                keepDir != null ? Files.createDirectories(keepDir) : Files.createTempDirectory("driftguard-bench");
        List<CompareBenchResult> results = new ArrayList<>();
        try (LocalPostgres source = LocalPostgres.start(
                        LocalPostgresOptions.builder().name("bench_source").build());
                LocalPostgres target = LocalPostgres.start(
                        LocalPostgresOptions.builder().name("bench_target").build())) {
            CompareBenchRuns runs = new CompareBenchRuns(settings.get(LAUNCHER), reports, source, target);
            for (CompareBenchWorkload workload : workloads) {
                out.printf(
                        Locale.ROOT,
                        "loading %s (%,d rows) into both clusters...%n",
                        workload.label(),
                        workload.rows());
                workload.load(source, target);
                results.add(measure(workload, runs, target));
            }
        }
        return report(results);
    }

    private CompareBenchResult measure(CompareBenchWorkload workload, CompareBenchRuns runs, LocalPostgres target)
            throws Exception {
        String name = workload.table() + "-" + workload.rows();
        // Warm-up, not counted: both caches, and the first compare after a build records the class-data archive.
        runs.floor(workload);
        runs.compare(workload, name + "-warmup");
        List<Run> cleanFloors = new ArrayList<>();
        List<Run> clean = new ArrayList<>();
        int repeat = settings.get(REPEAT);
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

    private boolean report(List<CompareBenchResult> results) {
        int repeat = settings.get(REPEAT);
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
        settings.find(KEEP_DIR).ifPresent(dir -> out.println("reports in " + dir.toAbsolutePath()));
        out.flush();
        return met;
    }
}
