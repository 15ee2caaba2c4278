package dev.driftguard.validator.detect;

import dev.driftguard.avro.Side;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The detector's metrics in group {@code driftguard} of each subtask (the Prometheus reporter exports them as e.g.
 * {@code flink_taskmanager_job_task_operator_driftguard_openDrifts}); sum over subtasks for the job's totals.
 */
final class DetectorMetrics {

    /** Lag percentiles over the most recent samples of the subtask. */
    private static final int LAG_SAMPLE_WINDOW = 10_000;

    private final Counter eventsSource;
    private final Counter eventsTarget;
    private final Counter duplicatesIgnored;
    private final Counter driftsDetected;
    private final Counter driftsResolved;
    private final Histogram lagMillis;

    DetectorMetrics(MetricGroup operatorGroup, LongSupplier openDrifts, LongSupplier keysTracked) {
        MetricGroup group = operatorGroup.addGroup("driftguard");
        eventsSource = group.counter("eventsSource");
        eventsTarget = group.counter("eventsTarget");
        duplicatesIgnored = group.counter("duplicatesIgnored");
        driftsDetected = group.counter("driftsDetected");
        driftsResolved = group.counter("driftsResolved");
        group.meter("eventsSourcePerSecond", new MeterView(eventsSource));
        group.meter("eventsTargetPerSecond", new MeterView(eventsTarget));
        group.gauge("openDrifts", (Gauge<Long>) openDrifts::getAsLong);
        group.gauge("keysTracked", (Gauge<Long>) keysTracked::getAsLong);
        lagMillis = group.histogram("lagMillis", new DescriptiveStatisticsHistogram(LAG_SAMPLE_WINDOW));
    }

    void event(Side side) {
        (side == Side.SOURCE ? eventsSource : eventsTarget).inc();
    }

    void duplicateIgnored() {
        duplicatesIgnored.inc();
    }

    void driftDetected() {
        driftsDetected.inc();
    }

    void driftResolved() {
        driftsResolved.inc();
    }

    void lag(long millis) {
        lagMillis.update(millis);
    }
}
