package dev.driftguard.validator;

import java.nio.file.Path;
import java.time.Duration;

/** The validator launch the integration tests run in their own MiniCluster. */
final class TestLaunches {

    private TestLaunches() {}

    /** Parallelism 2, heap state, 1 s checkpoints and statuses, checkpoints in {@code checkpoints}. */
    static ValidatorLaunch fastCheckpoints(
            String migration, Duration tolerance, String kafka, String auditDb, Path checkpoints) {
        return new ValidatorLaunch(
                ValidatorOptions.builder(migration)
                        .tolerance(tolerance)
                        .checkpointInterval(Duration.ofSeconds(1))
                        .statusInterval(Duration.ofSeconds(1))
                        .parallelism(2)
                        .build(),
                kafka,
                auditDb,
                checkpoints,
                ValidatorLaunch.StateBackend.HASHMAP);
    }
}
