package dev.driftguard.compare.bench;

import dev.driftguard.compare.bench.CompareBenchRuns.Run;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one workload: paired floor and compare runs, clean and with the 550 differences, as medians with
 * their spread, the peak RSS and the load the runs saw.
 */
record CompareBenchResult(
        CompareBenchWorkload workload,
        List<Run> cleanFloors,
        List<Run> clean,
        List<Run> diffFloors,
        List<Run> diff,
        String wrongDifferences,
        long cleanDifferences) {

    /** Each clean compare over the floor measured right before it. */
    double[] cleanRatios() {
        double[] ratios = new double[clean.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = clean.get(i).seconds() / cleanFloors.get(i).seconds();
        }
        return ratios;
    }

    double cleanRatio() {
        return median(cleanRatios());
    }

    double diffRatio() {
        return median(seconds(diff)) / median(seconds(clean));
    }

    long peakRssKb() {
        return java.util.stream.Stream.concat(clean.stream(), diff.stream())
                .mapToLong(Run::peakRssKb)
                .max()
                .orElse(0);
    }

    boolean differencesFound() {
        return wrongDifferences == null && cleanDifferences == 0;
    }

    void print(PrintWriter out) {
        List<Run> all = java.util.stream.Stream.of(cleanFloors, clean, diffFloors, diff)
                .flatMap(List::stream)
                .toList();
        double[] loads = all.stream().mapToDouble(Run::load).sorted().toArray();
        double[] ratios = cleanRatios();
        Arrays.sort(ratios);
        out.printf(
                Locale.ROOT,
                "%s (%,d rows):%n  floor %.2f s | clean %.2f s = %.2fx floor (paired runs %.2f-%.2fx)"
                        + " | 550 differences %.2f s = %.2fx clean | peak RSS %.0f MB | load %.2f-%.2f%n",
                workload.label(),
                workload.rows(),
                median(seconds(cleanFloors)),
                median(seconds(clean)),
                cleanRatio(),
                ratios[0],
                ratios[ratios.length - 1],
                median(seconds(diff)),
                diffRatio(),
                peakRssKb() / 1024.0,
                loads[0],
                loads[loads.length - 1]);
        out.printf(
                "  runs (s): floor %s, clean %s; floor %s, differences %s%n",
                rounded(cleanFloors), rounded(clean), rounded(diffFloors), rounded(diff));
        out.printf(
                "  differences found: %s%n",
                differencesFound()
                        ? "exactly the 550 injected (500 VALUE_MISMATCH [" + workload.column() + "], 50"
                                + " MISSING_ON_TARGET)"
                        : cleanDifferences != 0
                                ? "WRONG: " + cleanDifferences + " on identical data"
                                : "WRONG: " + wrongDifferences);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[] seconds(List<Run> runs) {
        return runs.stream().mapToDouble(Run::seconds).toArray();
    }

    private static String rounded(List<Run> runs) {
        return Arrays.toString(Arrays.stream(seconds(runs))
                .map(v -> Math.round(v * 100) / 100.0)
                .toArray());
    }
}
