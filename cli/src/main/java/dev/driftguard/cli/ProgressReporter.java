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
    private static final int BAR_WIDTH = 20;
    /** A redrawn line must fit the terminal: one that wraps is redrawn only in its last row, and the rows stack up. */
    private static final int DEFAULT_COLUMNS = 80;

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
            err.print("\r" + fit(bar(p), columns()) + "\033[K");
            barShown = true;
        } else {
            err.println("compare: " + line(p));
        }
        err.flush();
    }

    static String line(CompareProgress p) {
        boolean done = p.phase() == CompareProgress.Phase.DONE;
        // Row counts are planner estimates: at the end, what was done is all there was.
        long estimated = done ? p.rowsDone() : p.rowsEstimated();
        int percent = done ? 100 : estimated == 0 ? 0 : (int) Math.min(99, p.rowsDone() * 100 / estimated);
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
                human(estimated),
                human((long) p.rowsPerSecond()),
                p.eta().map(ProgressReporter::clock).orElse("-"));
    }

    /** A compact line under a bar, so that both fit 80 columns: "[####----] comparing 40% tables 1/3 rows ...". */
    private static String bar(CompareProgress p) {
        boolean done = p.phase() == CompareProgress.Phase.DONE;
        long estimated = done ? p.rowsDone() : p.rowsEstimated();
        int percent = done ? 100 : estimated == 0 ? 0 : (int) Math.min(99, p.rowsDone() * 100 / estimated);
        int filled = percent * BAR_WIDTH / 100;
        return String.format(
                Locale.ROOT,
                "[%s%s] %s %d%% tables %d/%d rows %s/%s %s/s ETA %s",
                "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled),
                p.phase().name().toLowerCase(Locale.ROOT),
                percent,
                p.tablesDone(),
                p.tablesTotal(),
                human(p.rowsDone()),
                human(estimated),
                human((long) p.rowsPerSecond()),
                p.eta().map(ProgressReporter::clock).orElse("-"));
    }

    /** {@code line} cut to one character less than {@code columns} (a full row would wrap on some terminals). */
    static String fit(String line, int columns) {
        return line.length() < columns ? line : line.substring(0, Math.max(0, columns - 2)) + "…";
    }

    /** The terminal's width as the shell exports it ({@code COLUMNS}), else 80. */
    private static int columns() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? DEFAULT_COLUMNS : Math.max(20, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
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
