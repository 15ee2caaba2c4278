package dev.driftguard.validator;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The validator's findings are committed (to Kafka, exactly once, and to the audit store) only when a checkpoint
 * completes, so checkpoints must go to durable storage: Flink's in-memory storage ({@code jobmanager}) caps the state at
 * a few MB, after which every checkpoint fails and nothing is ever reported. Driftguard never runs on it.
 */
final class DurableCheckpoints {

    private DurableCheckpoints() {}

    /** Throws unless {@code config} sends checkpoints to a directory. */
    static void require(ReadableConfig config) {
        String storage =
                config.getOptional(CheckpointingOptions.CHECKPOINT_STORAGE).orElse(null);
        if ("jobmanager".equalsIgnoreCase(storage)) {
            throw new IllegalStateException("the validator refuses " + CheckpointingOptions.CHECKPOINT_STORAGE.key()
                    + ": jobmanager (in-memory checkpoints, limited to a few MB, would silently commit nothing): set "
                    + CheckpointingOptions.CHECKPOINT_STORAGE.key() + ": filesystem and "
                    + CheckpointingOptions.CHECKPOINTS_DIRECTORY.key() + " in the cluster's configuration, or pass"
                    + " --checkpoint-dir DIR");
        }
        if (config.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY).isEmpty()) {
            throw new IllegalStateException("the validator needs durable checkpoint storage, and "
                    + CheckpointingOptions.CHECKPOINTS_DIRECTORY.key() + " is not set: its findings are committed only"
                    + " at checkpoints. Set " + CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()
                    + " in the cluster's configuration (e.g. s3://bucket/driftguard/checkpoints), or pass --checkpoint-dir"
                    + " DIR with a path that the job manager and every task manager can reach");
        }
    }
}
