package dev.driftguard.validator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.validator.AvroRecordType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status interval 1 s, lag window 4 s (slots of 1 s; samples count for 4 to 5 s). */
class StatusAggregatorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, PartialStatus, ValidationStatus> harness;

    @BeforeEach
    void start() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new StatusAggregator(Duration.ofSeconds(1), Duration.ofSeconds(4))),
                p -> p.migration,
                Types.STRING);
        harness.setup(AvroRecordType.forClass(ValidationStatus.class)
                .createSerializer(harness.getExecutionConfig().getSerializerConfig()));
        harness.open();
        harness.setProcessingTime(10_000);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void sumsTheLatestPartialOfEachCounterSetPerTableAndForTheMigration() throws Exception {
        harness.processElement(new StreamRecord<>(partial("a", "public", "orders", 10, 8, 5, 1, 100, 90)));
        harness.processElement(new StreamRecord<>(partial("b", "public", "orders", 3, 2, 2, 0, 200, 150)));
        harness.processElement(new StreamRecord<>(partial("c", "crm", "customers", 1, 1, 1, 1, 50, 60)));
        // A newer partial of counter set "a" replaces its older one.
        harness.processElement(new StreamRecord<>(partial("a", "public", "orders", 12, 9, 6, 0, 110, 95)));
        harness.setProcessingTime(11_000);

        List<ValidationStatus> statuses = harness.extractOutputValues();
        assertThat(statuses).hasSize(3);
        ValidationStatus orders = find(statuses, "orders");
        assertThat(orders.getSchema$()).isEqualTo("public");
        assertThat(orders.getEventsSource()).isEqualTo(15);
        assertThat(orders.getEventsTarget()).isEqualTo(11);
        assertThat(orders.getKeysTracked()).isEqualTo(8);
        assertThat(orders.getOpenDrifts()).isZero();
        assertThat(orders.getLastEventSourceMicros().toEpochMilli())
                .as("the latest of both counter sets")
                .isEqualTo(200);
        assertThat(orders.getLastEventTargetMicros()).isNotNull();
        assertThat(orders.getEmittedAtMicros().toEpochMilli()).isEqualTo(11_000);
        ValidationStatus migration = find(statuses, null);
        assertThat(migration.getSchema$()).isNull();
        assertThat(migration.getEventsSource()).isEqualTo(16);
        assertThat(migration.getOpenDrifts()).isEqualTo(1);
        assertThat(migration.getKeysTracked()).isEqualTo(9);
        assertThat(migration.getLagP50Millis()).as("no lag sample yet").isNull();
    }

    @Test
    void lagPercentilesCoverTheRecentWindowOnly() throws Exception {
        PartialStatus first = partial("a", "public", "orders", 1, 1, 1, 0, 1, 1);
        LagHistogram lag = new LagHistogram();
        for (int i = 0; i < 99; i++) {
            lag.record(10);
        }
        lag.record(5_000);
        withLag(first, lag);
        harness.processElement(new StreamRecord<>(first));
        harness.setProcessingTime(11_000);

        ValidationStatus status = find(harness.extractOutputValues(), null);
        assertThat(status.getLagP50Millis()).isEqualTo(10);
        assertThat(status.getLagP99Millis()).isEqualTo(10);
        assertThat(status.getLagMaxMillis()).isEqualTo(5_000);

        harness.setProcessingTime(16_000);
        List<ValidationStatus> all = harness.extractOutputValues();
        ValidationStatus later = find(all.subList(all.size() - 2, all.size()), null);
        assertThat(later.getLagP50Millis())
                .as("samples older than the window are gone")
                .isNull();
        assertThat(later.getEventsSource()).as("counters stay").isEqualTo(1);
    }

    private static void withLag(PartialStatus partial, LagHistogram lag) {
        partial.lagBuckets = lag.nonEmptyBuckets();
        partial.lagCounts = lag.nonEmptyCounts();
        partial.lagMax = lag.max();
    }

    private static ValidationStatus find(List<ValidationStatus> statuses, String table) {
        return statuses.stream()
                .filter(s -> Objects.equals(s.getTable(), table))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no status for table " + table + " in " + statuses));
    }

    private static PartialStatus partial(
            String id,
            String schema,
            String table,
            long eventsSource,
            long eventsTarget,
            long keys,
            long open,
            long lastSourceMillis,
            long lastTargetMillis) {
        PartialStatus p = new PartialStatus();
        p.counterId = id;
        p.migration = "m1";
        p.schema = schema;
        p.table = table;
        p.eventsSource = eventsSource;
        p.eventsTarget = eventsTarget;
        p.keysTracked = keys;
        p.openDrifts = open;
        p.lastEventSourceMicros = lastSourceMillis * 1000;
        p.lastEventTargetMicros = lastTargetMillis * 1000;
        return p;
    }
}
