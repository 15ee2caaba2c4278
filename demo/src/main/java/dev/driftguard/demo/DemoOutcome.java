package dev.driftguard.demo;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.compare.CompareResult;
import dev.driftguard.compare.CompareSummary;
import dev.driftguard.compare.TableStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the demo observed, whether that is what it promises (every injected drift found with its kind and resolved
 * after the repair, nothing else reported, no drift left open, batch compare identical), and the summary lines.
 *
 * @param finalStatus the validator's last migration-wide status; null if none was published
 * @param unexpected drift events for keys the demo did not touch
 */
public record DemoOutcome(
        long workloadWrites,
        Duration workloadTime,
        ValidationStatus finalStatus,
        List<InjectedDrift> drifts,
        List<DriftEvent> unexpected,
        AuditFindings audit,
        CompareResult compare,
        Path jsonReport,
        Path htmlReport) {

    static final int EXPECTED_DRIFTS = 3;

    /** The validator's findings in the audit store. */
    record AuditFindings(int stream, int resolved) {}

    public DemoOutcome {
        drifts = List.copyOf(drifts);
        unexpected = List.copyOf(unexpected);
    }

    /** Each unmet expectation, as a sentence; empty when the demo showed what it should. */
    List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (drifts.size() != EXPECTED_DRIFTS) {
            failures.add("the demo injected " + drifts.size() + " drifts instead of " + EXPECTED_DRIFTS);
        }
        for (InjectedDrift drift : drifts) {
            String what = drift.expected() + " injected on " + drift.where();
            if (!drift.isFound()) {
                failures.add("the " + what + " was not reported");
            } else if (drift.found().kind() != drift.expected()) {
                failures.add("the " + what + " was reported as " + drift.found().kind());
            }
            if (!drift.isResolved()) {
                failures.add("the " + what + " was not reported RESOLVED after the repair");
            }
        }
        if (!unexpected.isEmpty()) {
            failures.add("the validator reported " + unexpected.size() + " drift event(s) for rows the demo did not"
                    + " touch: "
                    + String.join(
                            "; ", unexpected.stream().map(DemoOutcome::describe).toList()));
        }
        if (finalStatus == null) {
            failures.add("the validator published no status");
        } else if (finalStatus.getOpenDrifts() != 0) {
            failures.add("the validator still counts " + finalStatus.getOpenDrifts() + " open drift(s) at the end");
        }
        if (audit.stream() != EXPECTED_DRIFTS || audit.resolved() != EXPECTED_DRIFTS) {
            failures.add("the audit store holds " + audit.stream() + " stream finding(s), " + audit.resolved()
                    + " resolved; expected " + EXPECTED_DRIFTS + ", all resolved");
        }
        if (!compare.allIdentical()) {
            failures.add("batch compare did not find source and target identical: " + compareText());
        }
        return failures;
    }

    public boolean succeeded() {
        return failures().isEmpty();
    }

    public List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Summary");
        lines.add(row(
                "workload",
                String.format(
                        Locale.ROOT,
                        "%,d row changes on the source in %s (%,.0f/s)",
                        workloadWrites,
                        Durations.text(workloadTime),
                        workloadWrites / Math.max(1e-3, seconds(workloadTime)))));
        if (finalStatus != null) {
            lines.add(row(
                    "events validated",
                    String.format(
                            Locale.ROOT,
                            "source %,d, target %,d (%,d keys tracked)",
                            finalStatus.getEventsSource(),
                            finalStatus.getEventsTarget(),
                            finalStatus.getKeysTracked())));
            lines.add(row("replication lag", lagText(finalStatus)));
        }
        long found = drifts.stream().filter(InjectedDrift::isFound).count();
        long resolved = drifts.stream().filter(InjectedDrift::isResolved).count();
        lines.add(row(
                "drifts",
                drifts.size() + " injected, " + found + " found"
                        + range(drifts, InjectedDrift::isFound, InjectedDrift::timeToFind, "after injection") + ", "
                        + resolved + " resolved"
                        + range(drifts, InjectedDrift::isResolved, InjectedDrift::timeToResolve, "after repair") + ", "
                        + unexpected.size() + " other"));
        lines.add(row("audit store", audit.stream() + " stream findings, " + audit.resolved() + " resolved"));
        lines.add(row("batch compare", compareText()));
        lines.add(row("reports", jsonReport.toString()));
        lines.add(row("", htmlReport.toString()));
        return lines;
    }

    /** The last line: OK, or what failed. */
    public List<String> resultLines() {
        List<String> failures = failures();
        if (failures.isEmpty()) {
            return List.of("Result: OK - all " + EXPECTED_DRIFTS + " injected drifts were found and resolved, and"
                    + " batch compare found source and target identical.");
        }
        List<String> lines = new ArrayList<>();
        lines.add("Result: FAILED");
        failures.forEach(failure -> lines.add("  - " + failure));
        return lines;
    }

    private String compareText() {
        CompareSummary s = compare.summary();
        String tables = compare.tables().stream()
                .map(t -> t.table().name() + " " + t.status().reportName()
                        + (t.status() == TableStatus.IDENTICAL
                                ? ""
                                : " (" + t.counts().total() + " differences)"))
                .reduce((a, b) -> a + ", " + b)
                .orElse("no tables");
        return String.format(
                Locale.ROOT,
                "%s; %,d rows in %s, %d difference(s) (run %s)",
                tables,
                s.rowsCompared(),
                Durations.text(s.duration()),
                s.differences().total(),
                s.runId());
    }

    private static String lagText(ValidationStatus status) {
        if (status.getLagP50Millis() == null) {
            return "not measured yet";
        }
        return "p50 " + status.getLagP50Millis() + " ms, p99 " + status.getLagP99Millis() + " ms, max "
                + status.getLagMaxMillis() + " ms (how much later the target had each row version)";
    }

    private static String range(
            List<InjectedDrift> drifts,
            java.util.function.Predicate<InjectedDrift> has,
            Function<InjectedDrift, Duration> time,
            String after) {
        List<Duration> times = drifts.stream()
                .filter(has)
                .map(time)
                .sorted(Comparator.naturalOrder())
                .toList();
        if (times.isEmpty()) {
            return "";
        }
        String first = Durations.text(times.get(0));
        String last = Durations.text(times.get(times.size() - 1));
        return " (" + (first.equals(last) ? first : first + " to " + last) + " " + after + ")";
    }

    private static String describe(DriftEvent event) {
        return event.getKind() + " " + DriftScenario.where(event);
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "  %-17s %s", label, value);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
