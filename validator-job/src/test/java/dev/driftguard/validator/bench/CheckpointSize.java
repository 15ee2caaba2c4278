package dev.driftguard.validator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** The size on disk of the validator's checkpoints. */
final class CheckpointSize {

    private CheckpointSize() {}

    /** The size of the first checkpoint completed after now (the state at the end of the run). */
    static long awaitNewer(Path checkpoints, Duration interval) throws Exception {
        long after = System.currentTimeMillis();
        long deadline = System.nanoTime() + interval.multipliedBy(6).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.walk(checkpoints)) {
                Path newest = files.filter(p -> p.getFileName().toString().equals("_metadata"))
                        .filter(p -> p.toFile().lastModified() > after)
                        .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                        .orElse(null);
                if (newest != null) {
                    return directorySize(newest.getParent()) + sharedStateSize(newest.getParent());
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no checkpoint completed within " + interval.multipliedBy(6));
    }

    /** Files of the job's shared directory (full snapshots of the hashmap backend put none there). */
    private static long sharedStateSize(Path checkpoint) throws IOException {
        Path shared = checkpoint.getParent().resolve("shared");
        return Files.isDirectory(shared) ? directorySize(shared) : 0;
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
