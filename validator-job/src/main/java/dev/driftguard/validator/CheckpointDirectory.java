package dev.driftguard.validator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local directory of retained Flink checkpoints ({@code <dir>/<job id>/chk-<n>/_metadata}), used to resume a
 * validator from where the previous run stopped, even if that run was killed.
 */
public final class CheckpointDirectory {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-\\d+");
    /** Flink writes a checkpoint's metadata file last: a checkpoint without it is incomplete. */
    private static final String METADATA = "_metadata";

    private final Path directory;

    public CheckpointDirectory(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path path() {
        return directory;
    }

    /**
     * Creates the directory if it is missing and checks that checkpoints can be written there, so that a bad path is
     * refused before the job starts rather than found at its first checkpoint.
     */
    public void create() {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".driftguard-probe", "");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "checkpoint directory " + directory + " cannot be used ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "): make it a writable directory, or give another --checkpoint-dir",
                    e);
        }
    }

    /**
     * What keeps checkpoints from being written here, as far as a look at the path tells (without writing anything):
     * empty if it is a writable directory.
     */
    public Optional<String> problem() {
        if (Files.isDirectory(directory)) {
            return Files.isWritable(directory)
                    ? Optional.empty()
                    : Optional.of("checkpoint directory " + directory + " is not writable");
        }
        if (Files.exists(directory)) {
            return Optional.of("checkpoint directory " + directory + " is not a directory (a file is in its place)");
        }
        return Optional.of("checkpoint directory " + directory + " is gone");
    }

    /** The most recently completed checkpoint of any job that used this directory, if there is one. */
    public Optional<Path> latestCompleted() {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(directory)) {
            Path latest = null;
            FileTime latestTime = null;
            for (Path job : jobs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> checkpoints = Files.list(job)) {
                    for (Path checkpoint : checkpoints.toList()) {
                        Path metadata = checkpoint.resolve(METADATA);
                        if (CHECKPOINT
                                        .matcher(checkpoint.getFileName().toString())
                                        .matches()
                                && Files.isRegularFile(metadata)) {
                            FileTime time = Files.getLastModifiedTime(metadata);
                            if (latestTime == null || time.compareTo(latestTime) > 0) {
                                latest = checkpoint;
                                latestTime = time;
                            }
                        }
                    }
                }
            }
            return Optional.ofNullable(latest);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot look for checkpoints in " + directory
                            + ": check that the directory is readable, or give another --checkpoint-dir",
                    e);
        }
    }
}
