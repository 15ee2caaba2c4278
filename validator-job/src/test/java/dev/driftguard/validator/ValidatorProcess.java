package dev.driftguard.validator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link ValidatorMain} in a child JVM (the test's classpath), so that a test can kill it like a crashed process. */
final class ValidatorProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ValidatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ValidatorProcess start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ValidatorMain.class.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new ValidatorProcess(process, log);
    }

    /** SIGKILL: no shutdown hook, no cancellation, no final checkpoint. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("validator process " + process.pid() + " did not die after SIGKILL");
        }
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("validator process exited with " + process.exitValue() + "; see " + log);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
