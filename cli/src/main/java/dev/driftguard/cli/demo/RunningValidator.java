package dev.driftguard.cli.demo;

import dev.driftguard.validator.ValidatorLaunch;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.kafka.ValidatorTopics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

/** The validator job in a local Flink MiniCluster, launched the way {@code driftguard validate} launches it. */
final class RunningValidator implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final ValidatorTopics topics;
    private final JobClient job;
    private boolean closed;

    private RunningValidator(ValidatorTopics topics, JobClient job) {
        this.topics = topics;
        this.job = job;
    }

    static RunningValidator start(ValidatorOptions options, String kafkaBootstrap, String auditDbUri) throws Exception {
        ValidatorLaunch launch =
                new ValidatorLaunch(options, kafkaBootstrap, auditDbUri, null, ValidatorLaunch.StateBackend.HASHMAP);
        launch.prepareTopics();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(launch.flinkConfiguration());
        launch.addTo(env);
        return new RunningValidator(launch.topics(), env.executeAsync("driftguard validator " + options.migration()));
    }

    ValidatorTopics topics() {
        return topics;
    }

    /** Throws if the job is no longer running (it only ends when cancelled). */
    void checkHealthy() throws InterruptedException {
        if (!job.getJobExecutionResult().isDone()) {
            return;
        }
        try {
            job.getJobExecutionResult().get();
            throw new IllegalStateException("the validator job ended unexpectedly");
        } catch (ExecutionException e) {
            Throwable cause = ExceptionUtils.stripExecutionException(e);
            throw new IllegalStateException("the validator job failed: " + rootMessage(cause), cause);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Cancels the job and waits until it (and its MiniCluster) stopped. Idempotent. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        JobStatus status = job.getJobStatus().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!status.isGloballyTerminalState()) {
            job.cancel().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            // A cancelled job's result completes exceptionally: wait for the end, whatever its outcome.
            job.getJobExecutionResult()
                    .handle((result, failure) -> Boolean.TRUE)
                    .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the validator job did not stop within " + Durations.text(STOP_TIMEOUT) + " after cancel", e);
        }
    }
}
