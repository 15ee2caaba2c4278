package dev.driftguard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code java -jar driftguard.jar ARGS} as a user runs it, in a process of its own (from a private copy of the packaged
 * jar: the shared one may be rebuilt while a test runs), with its stdout and stderr in files of {@code work}.
 */
final class CliProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "driftguard.jar");

    private final Process process;
    private final Path out;
    private final Path err;

    private CliProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts the command; {@code name} names its output files in {@code work}. */
    static CliProcess start(Path work, String name, String... args) throws IOException {
        Path jar = work.resolve("driftguard.jar");
        if (!Files.exists(jar)) {
            if (!Files.exists(JAR)) {
                throw new IllegalStateException(JAR + " is missing: the cli jar is built in the package phase");
            }
            Files.copy(JAR, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new CliProcess(process, out, err);
    }

    /** {@code validate --migration M --kafka K --audit-db A} and {@code more} options. */
    static CliProcess validate(Path work, String name, String migration, String kafka, String auditDb, String... more)
            throws IOException {
        List<String> args =
                new ArrayList<>(List.of("validate", "--migration", migration, "--kafka", kafka, "--audit-db", auditDb));
        args.addAll(List.of(more));
        return start(work, name, args.toArray(String[]::new));
    }

    String out() throws IOException {
        return Files.readString(out);
    }

    String err() throws IOException {
        return Files.readString(err);
    }

    /** What it printed so far, for assertion messages. */
    String transcript() throws IOException {
        return "stdout:\n" + out() + "\nstderr:\n" + err();
    }

    /** Waits until its stdout satisfies {@code done}; fails with the transcript after {@code timeout}. */
    String awaitOut(Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = out();
            if (done.test(text)) {
                return text;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError((process.isAlive() ? "timed out after " + timeout : "the process ended")
                        + " waiting for its output\n" + transcript());
            }
            Thread.sleep(100);
        }
    }

    /** Waits for the process to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "\n" + transcript());
        }
        return process.exitValue();
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it (its shutdown hooks run); waits for the end. */
    void terminate(Duration timeout) throws Exception {
        process.destroy();
        awaitExit(timeout);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
