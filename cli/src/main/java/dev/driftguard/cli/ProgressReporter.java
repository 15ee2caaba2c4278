package dev.driftguard.cli;

import dev.driftguard.compare.CompareListener;
import dev.driftguard.compare.CompareProgress;
import dev.driftguard.settings.Setting;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a compare's progress: a bar redrawn in place on a terminal (tables, rows, rows/s, ETA), or a plain line every
 * {@value #LOG_INTERVAL_SECONDS} seconds when the output is not a terminal (logs, CI).
 */
final class ProgressReporter implements CompareListener, AutoCloseable {

    /** How progress is shown. */
    enum Mode {
        AUTO,
        BAR,
        LOG,
        NONE
    }

    /** How compare shows its progress; a setting of the command line only (the library reports to a listener). */
    static final Setting<Mode> MODE = Setting.choice("progress", Mode.class)
            .description("auto (a bar on a terminal, log lines otherwise), bar, log or none.")
            .defaultValue("auto")
            .build();

    static final int LOG_INTERVAL_SECONDS = 10;
    private static final long BAR_INTERVAL_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final Mode mode;
    private long lastNanos;
    private boolean barShown;

    private ProgressReporter(PrintWriter err, Mode mode) {
        this.err = err;
        this.mode = mode;
    }

    static ProgressReporter create(Mode mode, PrintWriter err) {
        Mode effective = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LOG) : mode;
        return new ProgressReporter(err, effective);
    }

    @Override
    public synchronized void progress(CompareProgress p) {
        if (mode == Mode.NONE) {
            return;
        }
        long now = System.nanoTime();
        long interval = mode == Mode.BAR ? BAR_INTERVAL_NANOS : LOG_INTERVAL_SECONDS * 1_000_000_000L;
        boolean last = p.phase() == CompareProgress.Phase.DONE;
        if (!last && lastNanos != 0 && now - lastNanos < interval) {
            return;
        }
        lastNanos = now;
        if (mode == Mode.BAR) {
            err.print("\r" + bar(p) + "\033[K");
            barShown = true;
        } else {
            err.println("compare: " + line(p));
        }
        err.flush();
    }

    static String line(CompareProgress p) {
        int percent = p.rowsEstimated() == 0 ? 0 : (int) Math.min(100, p.rowsDone() * 100 / p.rowsEstimated());
        return String.format(
                Locale.ROOT,
                "%s %d%% | tables %d/%d | segments %d/%d | rows %s/%s | %s rows/s | ETA %s",
                p.phase().name().toLowerCase(Locale.ROOT),
                percent,
                p.tablesDone(),
                p.tablesTotal(),
                p.segmentsDone(),
                p.segmentsTotal(),
                human(p.rowsDone()),
                human(p.rowsEstimated()),
                human((long) p.rowsPerSecond()),
                p.eta().map(ProgressReporter::clock).orElse("-"));
    }

    private static String bar(CompareProgress p) {
        int filled =
                p.rowsEstimated() == 0 ? 0 : (int) Math.min(BAR_WIDTH, p.rowsDone() * BAR_WIDTH / p.rowsEstimated());
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + line(p);
    }

    static String human(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", n / 1e3);
        }
        return Long.toString(n);
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Ends the bar's line so that what follows starts on a fresh one. Idempotent. */
    @Override
    public synchronized void close() {
        if (barShown) {
            err.println();
            err.flush();
            barShown = false;
        }
    }
}
