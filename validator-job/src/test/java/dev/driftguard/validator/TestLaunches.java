package dev.driftguard.validator;

import java.time.Duration;

/** The validator launch the integration tests run in their own MiniCluster. */
final class TestLaunches {

    private TestLaunches() {}

    /** Parallelism 2, heap state, 1 s checkpoints and statuses, no checkpoint directory. */
    static ValidatorLaunch fastCheckpoints(String migration, Duration tolerance, String kafka, String auditDb) {
        return new ValidatorLaunch(
                ValidatorOptions.builder(migration)
                        .tolerance(tolerance)
                        .checkpointInterval(Duration.ofSeconds(1))
                        .statusInterval(Duration.ofSeconds(1))
                        .parallelism(2)
                        .build(),
                kafka,
                auditDb,
                null,
                ValidatorLaunch.StateBackend.HASHMAP);
    }
}
