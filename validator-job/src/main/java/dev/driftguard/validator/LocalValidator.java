package dev.driftguard.validator;

import dev.driftguard.validator.health.CheckpointObservation;
import dev.driftguard.validator.health.HealthTracker;
import dev.driftguard.validator.health.Observations;
import dev.driftguard.validator.health.ValidatorHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.clusterframework.ApplicationStatus;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A validator running in a Flink MiniCluster of its own in this process, as {@code driftguard validate} and the demo
 * run it: started from a {@link ValidatorLaunch} (resuming from its newest checkpoint), watched through its
 * checkpoint coordinator ({@link #health()}), cancelled and cleaned up by {@link #close()}.
 */
public final class LocalValidator implements AutoCloseable {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);

    private final ValidatorLaunch launch;
    private final MiniCluster cluster;
    private final JobID jobId;
    private final CompletableFuture<JobResult> result;
    private final HealthTracker tracker;
    private boolean closed;

    private LocalValidator(ValidatorLaunch launch, MiniCluster cluster, JobID jobId) {
        this.launch = launch;
        this.cluster = cluster;
        this.jobId = jobId;
        this.result = cluster.requestJobResult(jobId);
        this.tracker = new HealthTracker(launch.options().maxFailedCheckpoints());
    }

    /** Starts the validator of {@code launch} (its topics prepared by the caller); a bad checkpoint directory is refused. */
    public static LocalValidator start(ValidatorLaunch launch) throws Exception {
        launch.checkpointDirectory().ifPresent(CheckpointDirectory::create);
        Configuration config = launch.flinkConfiguration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config);
        launch.addTo(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("driftguard validator " + launch.options().migration());
        launch.resumeFrom()
                .ifPresent(path -> graph.setSavepointRestoreSettings(
                        SavepointRestoreSettings.forPath(path.toUri().toString(), false)));
        Configuration clusterConfig = new Configuration(config);
        // A random port for the web endpoint: several validators (and tests) may run on one machine.
        clusterConfig.set(RestOptions.BIND_PORT, "0");
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(clusterConfig)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(graph.getMaximumParallelism())
                .build());
        try {
            cluster.start();
            JobID id = cluster.submitJob(graph).get().getJobID();
            return new LocalValidator(launch, cluster, id);
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    public JobID jobId() {
        return jobId;
    }

    public ValidatorLaunch launch() {
        return launch;
    }

    /** Whether the job has ended (failed, or cancelled). */
    public boolean isDone() {
        return result.isDone();
    }

    /** Asks the job's coordinator how it is doing; once the job is gone, its end with the checkpoint counts seen last. */
    public synchronized ValidatorHealth health() throws InterruptedException {
        Instant now = Instant.now();
        CheckpointObservation observation;
        try {
            observation = Observations.of(
                    cluster.getExecutionGraph(jobId).get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            // The job is gone from the dispatcher (it ended); its result says how.
            observation = CheckpointObservation.withoutCoordinator(endStatus(), Observations.rootMessage(failure()));
        }
        String storageProblem = observation.failedCheckpoints() > 0
                ? launch.checkpointDirectory()
                        .flatMap(CheckpointDirectory::problem)
                        .orElse(null)
                : null;
        return tracker.observe(observation, now, storageProblem);
    }

    /** The job's failure, or null when it has not failed (it runs, or was cancelled). */
    public Throwable failure() {
        if (!result.isDone() || result.join().getApplicationStatus() != ApplicationStatus.FAILED) {
            return null;
        }
        return result.join()
                .getSerializedThrowable()
                .map(t -> t.deserializeError(LocalValidator.class.getClassLoader()))
                .orElse(null);
    }

    private JobStatus endStatus() {
        if (!result.isDone()) {
            return JobStatus.RUNNING;
        }
        return switch (result.join().getApplicationStatus()) {
            case SUCCEEDED -> JobStatus.FINISHED;
            case FAILED -> JobStatus.FAILED;
            default -> JobStatus.CANCELED;
        };
    }

    /** Cancels the job if it runs and waits until it ended; its retained checkpoints stay for the next start. */
    public void cancel() throws Exception {
        if (!result.isDone()) {
            JobStatus status = cluster.getJobStatus(jobId).get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!status.isGloballyTerminalState()) {
                cluster.cancelJob(jobId).get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        try {
            result.get(ASK_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the validator job did not stop within "
                            + ASK_TIMEOUT.multipliedBy(2).toSeconds() + " s after cancel",
                    e);
        }
    }

    /** Cancels the job and stops the MiniCluster. Idempotent. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cancel();
        } finally {
            cluster.close();
        }
    }
}
