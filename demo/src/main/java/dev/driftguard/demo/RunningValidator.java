package dev.driftguard.demo;

import dev.driftguard.stack.FileTrees;
import dev.driftguard.validator.LocalValidator;
import dev.driftguard.validator.ValidatorLaunch;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.ValidatorWatch;
import dev.driftguard.validator.health.HealthState;
import dev.driftguard.validator.health.ValidatorHealth;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The validator job in a local Flink MiniCluster, launched the way {@code driftguard validate} launches it, with its
 * checkpoints in a directory of its own that goes with the demo (a later demo must not resume from this one's Kafka
 * offsets).
 */
final class RunningValidator implements AutoCloseable {

    private final LocalValidator validator;
    private final ValidatorWatch watch;
    private final Path checkpoints;
    private boolean closed;

    private RunningValidator(LocalValidator validator, Path checkpoints) {
        this.validator = validator;
        this.watch = new ValidatorWatch(validator);
        this.checkpoints = checkpoints;
    }

    static RunningValidator start(ValidatorOptions options, String kafkaBootstrap, String auditDbUri) throws Exception {
        Path checkpoints = Files.createTempDirectory("driftguard-demo-checkpoints");
        try {
            ValidatorLaunch launch = new ValidatorLaunch(
                    options, kafkaBootstrap, auditDbUri, checkpoints, ValidatorLaunch.StateBackend.HASHMAP);
            launch.prepareTopics();
            return new RunningValidator(LocalValidator.start(launch), checkpoints);
        } catch (Exception | Error e) {
            FileTrees.deleteRecursively(checkpoints);
            throw e;
        }
    }

    ValidatorTopics topics() {
        return validator.launch().topics();
    }

    /** Throws if the validator failed, stopped, or cannot commit its findings. */
    void checkHealthy() throws InterruptedException {
        ValidatorHealth health = watch.check();
        if (health.state() == HealthState.FAILED || health.state() == HealthState.STOPPED) {
            throw new IllegalStateException(watch.failureMessage(health));
        }
    }

    /** Cancels the job, stops its MiniCluster and removes its checkpoints. Idempotent. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try (watch) {
            validator.close();
        } finally {
            FileTrees.deleteRecursively(checkpoints);
        }
    }
}
