package dev.driftguard.validator.status;

import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.validator.EpochMicros;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums the detector subtasks' {@link PartialStatus} (keyed by migration, so one instance sees them all) and emits a
 * {@link ValidationStatus} per table and one for the whole migration (schema and table null) every status interval.
 * Lag percentiles cover about the last lag window: samples are kept in {@value #LAG_SLOTS} rotating slots of a
 * quarter window each, of which the current and the four before it count.
 */
public final class StatusAggregator extends KeyedProcessFunction<String, PartialStatus, ValidationStatus> {

    private static final long serialVersionUID = 1L;
    static final int LAG_SLOTS = 5;
    private static final char SEPARATOR = '\0';

    private final long intervalMillis;
    private final long lagSlotMillis;

    private transient MapState<String, PartialStatus> latestByCounter;
    /** Key: schema NUL table NUL slot; value: [epoch of the slot, max, bucket counts...]. */
    private transient MapState<String, long[]> lagSlots;

    private transient ValueState<Long> nextEmission;

    public StatusAggregator(Duration statusInterval, Duration lagWindow) {
        this.intervalMillis = statusInterval.toMillis();
        this.lagSlotMillis = Math.max(1, lagWindow.toMillis() / (LAG_SLOTS - 1));
    }

    @Override
    public void open(OpenContext openContext) {
        latestByCounter = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "latest-partials", Types.STRING, TypeInformation.of(PartialStatus.class)));
        lagSlots = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "lag-slots", Types.STRING, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        nextEmission = getRuntimeContext().getState(new ValueStateDescriptor<>("next-emission", Types.LONG));
    }

    @Override
    public void processElement(PartialStatus partial, Context ctx, Collector<ValidationStatus> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (partial.lagBuckets.length > 0) {
            addLag(partial, now);
        }
        PartialStatus counters = partial.copy();
        counters.lagBuckets = new int[0];
        counters.lagCounts = new long[0];
        counters.lagMax = -1;
        latestByCounter.put(partial.counterId, counters);
        if (nextEmission.value() == null) {
            long at = now + intervalMillis;
            nextEmission.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ValidationStatus> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        for (ValidationStatus status : statuses(ctx.getCurrentKey(), now)) {
            out.collect(status);
        }
        long next = timestamp + intervalMillis;
        nextEmission.update(next);
        ctx.timerService().registerProcessingTimeTimer(next);
    }

    private List<ValidationStatus> statuses(String migration, long now) throws Exception {
        Map<String, Totals> byTable = new TreeMap<>();
        Totals all = new Totals(null, null);
        for (PartialStatus partial : latestByCounter.values()) {
            byTable.computeIfAbsent(
                            partial.schema + SEPARATOR + partial.table, k -> new Totals(partial.schema, partial.table))
                    .add(partial);
            all.add(partial);
        }
        long epoch = now / lagSlotMillis;
        for (Map.Entry<String, long[]> slot : lagSlots.entries()) {
            long[] value = slot.getValue();
            if (value[0] <= epoch - LAG_SLOTS) {
                continue;
            }
            String key = slot.getKey();
            Totals table = byTable.get(key.substring(0, key.lastIndexOf(SEPARATOR)));
            if (table != null) {
                table.addLag(value);
            }
            all.addLag(value);
        }
        List<ValidationStatus> statuses = new ArrayList<>(byTable.size() + 1);
        Instant emittedAt = Instant.ofEpochMilli(now);
        for (Totals table : byTable.values()) {
            statuses.add(table.toStatus(migration, emittedAt));
        }
        statuses.add(all.toStatus(migration, emittedAt));
        return statuses;
    }

    private void addLag(PartialStatus partial, long now) throws Exception {
        long epoch = now / lagSlotMillis;
        String key = partial.schema + SEPARATOR + partial.table + SEPARATOR + Math.floorMod(epoch, LAG_SLOTS);
        long[] slot = lagSlots.get(key);
        if (slot == null || slot[0] != epoch) {
            slot = new long[2 + LagHistogram.BUCKETS];
            slot[0] = epoch;
            slot[1] = -1;
        }
        for (int i = 0; i < partial.lagBuckets.length; i++) {
            slot[2 + partial.lagBuckets[i]] += partial.lagCounts[i];
        }
        slot[1] = Math.max(slot[1], partial.lagMax);
        lagSlots.put(key, slot);
    }

    /** Sums of one table's (or the whole migration's) counter sets. */
    private static final class Totals {
        private final String schema;
        private final String table;
        private final PartialStatus sum = new PartialStatus();
        private final LagHistogram lag = new LagHistogram();

        Totals(String schema, String table) {
            this.schema = schema;
            this.table = table;
        }

        void add(PartialStatus p) {
            sum.eventsSource += p.eventsSource;
            sum.eventsTarget += p.eventsTarget;
            sum.keysTracked += p.keysTracked;
            sum.openDrifts += p.openDrifts;
            sum.lastEventSourceMicros = Math.max(sum.lastEventSourceMicros, p.lastEventSourceMicros);
            sum.lastEventTargetMicros = Math.max(sum.lastEventTargetMicros, p.lastEventTargetMicros);
        }

        void addLag(long[] slot) {
            lag.addCounts(slot, 2, slot[1]);
        }

        ValidationStatus toStatus(String migration, Instant emittedAt) {
            return ValidationStatus.newBuilder()
                    .setMigration(migration)
                    .setSchema$(schema)
                    .setTable(table)
                    .setEmittedAtMicros(emittedAt)
                    .setOpenDrifts(sum.openDrifts)
                    .setEventsSource(sum.eventsSource)
                    .setEventsTarget(sum.eventsTarget)
                    .setKeysTracked(sum.keysTracked)
                    .setLagP50Millis(lag.isEmpty() ? null : lag.quantile(0.50))
                    .setLagP99Millis(lag.isEmpty() ? null : lag.quantile(0.99))
                    .setLagMaxMillis(lag.isEmpty() ? null : lag.max())
                    .setLastEventSourceMicros(EpochMicros.toInstantOrNull(sum.lastEventSourceMicros))
                    .setLastEventTargetMicros(EpochMicros.toInstantOrNull(sum.lastEventTargetMicros))
                    .build();
        }
    }
}
