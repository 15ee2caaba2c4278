package dev.driftguard.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs an external command to completion and captures its combined output. */
final class CommandRunner {

    private CommandRunner() {}

    /** The exit code and combined stdout/stderr of a finished command. */
    record Result(List<String> command, int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }

        Result orThrow(String what) {
            if (!succeeded()) {
                throw new LocalStackException(what + " failed (exit " + exitCode + "): " + String.join(" ", command)
                        + System.lineSeparator() + output.strip());
            }
            return this;
        }
    }

    static Result run(List<String> command, Path workDir, Map<String, String> extraEnv, Duration timeout) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        // libpq/server variables of the caller's shell must not redirect our tools to another cluster.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().putAll(extraEnv);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new LocalStackException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        // A thread of its own: a shared pool may be busy with the callers of run() themselves.
        FutureTask<String> output = new FutureTask<>(() -> readAll(process));
        Thread reader = new Thread(output, "driftguard-command-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new LocalStackException("timed out after " + timeout + ": " + String.join(" ", command));
            }
            return new Result(command, process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new LocalStackException("interrupted while running " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackException("cannot read the output of " + String.join(" ", command), e);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LocalStackException("cannot read process output: " + e.getMessage(), e);
        }
    }
}
