package dev.driftguard.validator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Waits on a validator's checkpoints, which commit what it found: its outputs are final up to the last one. */
final class TestCheckpoints {

    private TestCheckpoints() {}

    /**
     * Waits until {@code count} checkpoints in {@code directory} have completed after {@code after}: whatever the
     * validator reports by {@code after} is then visible to read_committed readers, also if it took a checkpoint more.
     */
    static void awaitCompletedAfter(Path directory, Instant after, int count, Duration timeout)
            throws InterruptedException {
        CheckpointDirectory checkpoints = new CheckpointDirectory(directory);
        Set<Path> completed = new HashSet<>();
        Instant deadline = Instant.now().plus(timeout);
        while (completed.size() < count) {
            Optional<Path> latest = checkpoints.latestCompleted();
            if (latest.isPresent() && completedAt(latest.get()).isAfter(after)) {
                completed.add(latest.get());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("fewer than " + count + " checkpoints completed in " + directory + " after "
                        + after + " within " + timeout + ": " + completed);
            }
            Thread.sleep(50);
        }
    }

    private static Instant completedAt(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata")).toInstant();
        } catch (IOException e) {
            // Subsumed and deleted between listing and reading: it counts as not completed after.
            return Instant.MIN;
        }
    }
}
