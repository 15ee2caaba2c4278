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
