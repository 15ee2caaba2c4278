package dev.driftguard.validator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ValidatorJob#build} with in-memory sources and sinks: no Kafka, no database. Each side's source emits its
 * changes and then repeats its last one (a duplicate, which the validator ignores), so the job keeps running while its
 * timers report; the target's repair waits until the drift it repairs has been reported.
 */
class ValidatorJobInMemoryITCase {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration TOLERANCE = Duration.ofSeconds(2);

    /** What the sinks of each test run received, by run id (the sinks are serialized into the job). */
    private static final Map<String, Queue<Object>> RECEIVED = new ConcurrentHashMap<>();

    @Test
    void reportsADriftAndItsResolution(@TempDir Path checkpoints) throws Exception {
        String run = UUID.randomUUID().toString();
        RECEIVED.put(run, new ConcurrentLinkedQueue<>());
        Configuration config = new Configuration();
        config.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        ValidatorJob.build(
                env,
                changes(new Changes(run, Side.SOURCE)),
                changes(new Changes(run, Side.TARGET)),
                new CollectingSink<DriftEvent>(run),
                new CollectingSink<ValidationStatus>(run),
                ValidatorOptions.builder(TestChanges.MIGRATION)
                        .tolerance(TOLERANCE)
                        .checkpointInterval(Duration.ofSeconds(1))
                        .statusInterval(Duration.ofSeconds(1))
                        .build());

        JobClient job = env.executeAsync("validator in memory");
        try {
            awaitReceived(run, ValidatorJobInMemoryITCase::isResolution);
        } finally {
            job.cancel().get();
        }

        List<DriftEvent> drifts = received(run).stream()
                .filter(DriftEvent.class::isInstance)
                .map(DriftEvent.class::cast)
                .toList();
        assertThat(drifts)
                .extracting(DriftEvent::getKind)
                .containsExactly(DriftKind.VALUE_MISMATCH, DriftKind.RESOLVED);
        assertThat(drifts).extracting(d -> d.getKey().get(0).getValue()).containsOnly("3");
        assertThat(drifts.get(0).getColumns()).containsExactly("status");
        assertThat(drifts.get(0).getTargetValues()).containsEntry("status", "broken");
        assertThat(drifts.get(1).getDriftId()).isEqualTo(drifts.get(0).getDriftId());
        assertThat(received(run)).anySatisfy(r -> assertThat(r).isInstanceOf(ValidationStatus.class));
    }

    private static boolean isResolution(Object record) {
        return record instanceof DriftEvent drift && drift.getKind() == DriftKind.RESOLVED;
    }

    private static Queue<Object> received(String run) {
        return RECEIVED.get(run);
    }

    private static void awaitReceived(String run, Predicate<Object> wanted) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (received(run).stream().noneMatch(wanted)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not received within " + WAIT + ": " + received(run));
            }
            Thread.sleep(50);
        }
    }

    private static DataGeneratorSource<RowChange> changes(Changes changes) {
        return new DataGeneratorSource<>(
                changes, Long.MAX_VALUE, RateLimiterStrategy.perSecond(50), AvroRecordType.forClass(RowChange.class));
    }

    /**
     * One side's changes: rows 1-5 inserted (row 3 with status 'broken' on the target); then, on the target, row 3
     * repaired once its drift has been reported; then the last change again and again.
     */
    private static final class Changes implements GeneratorFunction<Long, RowChange> {
        private static final long serialVersionUID = 1L;
        private static final int ROWS = 5;
        private static final long BROKEN = 3;

        private final String run;
        private final Side side;

        Changes(String run, Side side) {
            this.run = run;
            this.side = side;
        }

        @Override
        public RowChange map(Long index) throws InterruptedException {
            TestChanges changes = TestChanges.of(TestChanges.MIGRATION, side, false);
            long lsnBase = side == Side.SOURCE ? 100 : 1_000;
            if (index < ROWS) {
                long id = index + 1;
                String status = side == Side.TARGET && id == BROKEN ? "broken" : "new";
                return changes.insert(id, lsnBase + id, "id", Long.toString(id), "status", status);
            }
            if (side == Side.SOURCE) {
                return changes.insert(ROWS, lsnBase + ROWS, "id", Long.toString(ROWS), "status", "new");
            }
            if (index == ROWS) {
                awaitReceived(run, record -> record instanceof DriftEvent);
            }
            return changes.update(BROKEN, lsnBase + ROWS + 1, "id", Long.toString(BROKEN), "status", "new");
        }
    }

    /** Collects what it receives into {@link #RECEIVED} of its run. */
    private static final class CollectingSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;

        private final String run;

        CollectingSink(String run) {
            this.run = run;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new CollectingWriter<>(received(run));
        }
    }

    private static final class CollectingWriter<T> implements SinkWriter<T> {
        private final Queue<Object> into;

        CollectingWriter(Queue<Object> into) {
            this.into = into;
        }

        @Override
        public void write(T element, Context context) {
            into.add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
