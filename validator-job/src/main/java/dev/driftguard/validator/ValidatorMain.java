package dev.driftguard.validator;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the shaded job jar: {@code flink run driftguard-validator.jar --migration ID --kafka HOST:PORT ...}
 * (see {@link ValidatorLaunch#USAGE}). Outside a cluster it runs in a local MiniCluster. It refuses to start without
 * durable checkpoint storage: {@code --checkpoint-dir}, or {@code execution.checkpointing.dir} in the cluster's
 * configuration.
 */
public final class ValidatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(ValidatorMain.class);

    private ValidatorMain() {}

    public static void main(String[] args) throws Exception {
        ValidatorLaunch launch = ValidatorLaunch.parse(args);
        // A --checkpoint-dir is checked here; without one, the cluster's execution.checkpointing.dir must be set
        // (checked when the job is built: DurableCheckpoints).
        launch.checkpointDirectory().ifPresent(CheckpointDirectory::create);
        launch.resumeFrom()
                .ifPresentOrElse(
                        checkpoint -> LOG.info(
                                "validator of migration {} resumes from checkpoint {}",
                                launch.options().migration(),
                                checkpoint),
                        () -> LOG.info(
                                "validator of migration {} starts without previous state",
                                launch.options().migration()));
        for (String topic : launch.prepareTopics()) {
            LOG.warn("topic {} does not exist yet; the validator reads it once capture has created it", topic);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(launch.flinkConfiguration());
        launch.addTo(env);
        env.execute("driftguard validator " + launch.options().migration());
    }
}
