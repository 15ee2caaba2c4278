package dev.driftguard.cli.demo;

import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.cli.StatusLine;
import dev.driftguard.demo.DemoProgress;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The demo's progress on stdout: numbered steps, indented details, timestamped live lines. */
final class DemoConsole implements DemoProgress {

    private static final String INDENT = "      ";
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintWriter out;

    DemoConsole(PrintWriter out) {
        this.out = out;
    }

    void title(String text) {
        out.println(text);
        out.println();
        out.flush();
    }

    @Override
    public void step(int number, String text) {
        out.println();
        out.println("[" + number + "/" + STEPS + "] " + text);
        out.flush();
    }

    @Override
    public void detail(String text) {
        out.println(INDENT + text);
        out.flush();
    }

    /** A line about something that just happened, with the wall-clock time. */
    @Override
    public void event(String text) {
        out.println(INDENT + clock(Instant.now()) + "  " + text);
        out.flush();
    }

    @Override
    public void status(ValidationStatus status, long workloadWrites) {
        out.println(INDENT + StatusLine.of(status, Instant.now()) + " | workload " + workloadWrites + " writes");
        out.flush();
    }

    @Override
    public void blank() {
        out.println();
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    private static String clock(Instant at) {
        return "[" + CLOCK.format(at) + "]";
    }
}
