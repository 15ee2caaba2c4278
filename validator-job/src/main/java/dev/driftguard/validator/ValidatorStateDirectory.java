package dev.driftguard.validator;

import java.nio.file.Path;

/**
 * Where a local validator keeps its state when no directory is given: {@code $DRIFTGUARD_STATE_DIR}, else {@code
 * ~/.driftguard}; a migration's checkpoints go to {@code <state dir>/validator/<migration>/checkpoints}, so that the
 * next {@code validate} of the same migration resumes where the last one stopped.
 */
public final class ValidatorStateDirectory {

    /** The environment variable that moves the state directory. */
    public static final String ENV = "DRIFTGUARD_STATE_DIR";

    private ValidatorStateDirectory() {}

    /** The default checkpoint directory of {@code migration} in this process's environment. */
    public static Path checkpointsOf(String migration) {
        return checkpointsOf(migration, System.getenv(ENV), System.getProperty("user.home"));
    }

    static Path checkpointsOf(String migration, String stateDirFromEnv, String userHome) {
        Path root = stateDirFromEnv == null || stateDirFromEnv.isBlank()
                ? Path.of(userHome, ".driftguard")
                : Path.of(stateDirFromEnv);
        return root.resolve("validator")
                .resolve(migration)
                .resolve("checkpoints")
                .toAbsolutePath();
    }
}
