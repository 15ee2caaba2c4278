package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.Side;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.status.PartialStatus;
import dev.driftguard.validator.status.TableCounters;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Joins both sides' change streams ({@link ChangeEvent}s made by {@link ToChangeEvent}), keyed by {@link
 * DetectorKey}: input 1 is the source side, input 2 the target side. Per key it keeps each side's latest version
 * ({@link KeyState}); every event re-evaluates the key:
 *
 * <ul>
 *   <li>equal: the pending check is dropped and an open drift is RESOLVED; the replication lag (target commit time
 *       minus source commit time of the same version) is recorded;
 *   <li>different: a check is due the tolerance after the divergence began (a pending one is kept); if the sides
 *       still differ then, a drift is reported (or an open one updated when its kind or columns changed). The check
 *       waits in memory for its first {@link #CHECK_GRACE_MILLIS} ms and then becomes a Flink timer (see there).
 * </ul>
 *
 * Events at or below the stored LSN of their side are duplicates or stale and are ignored. A key that stays idle for
 * the idle-key retention without an open drift is forgotten (a Flink state TTL of twice that is only a backstop).
 * TRUNCATE records are counted and otherwise ignored: they carry no key, batch compare covers truncated tables.
 *
 * <p>Per table counters go to {@link #PARTIAL_STATUS} every status interval for the status aggregator.
 */
public final class DriftDetector extends AbstractStreamOperator<DriftEvent>
        implements TwoInputStreamOperator<ChangeEvent, ChangeEvent, DriftEvent>, Triggerable<String, VoidNamespace> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<PartialStatus> PARTIAL_STATUS =
            new OutputTag<>("partial-status", TypeInformation.of(PartialStatus.class));

    private static final int MAX_INTERNED_NAMES = 100_000;
    /**
     * A divergence younger than this waits in memory instead of in a Flink timer: most end within milliseconds (the
     * target catching up), and a Flink timer for each cost about a quarter of the detector's time (a priority queue insert,
     * poll and dedup map per divergence). Used only when the tolerance is at least {@link #MIN_QUEUED_TOLERANCE}.
     */
    private static final long CHECK_GRACE_MILLIS = 500;

    private static final long CHECK_INTERVAL_MILLIS = 250;
    private static final Duration MIN_QUEUED_TOLERANCE = Duration.ofSeconds(2);
    /** Entries RocksDB's TTL compaction filter processes between refreshes of the current time. */
    private static final long ROCKSDB_TTL_QUERY_INTERVAL = 1_000;

    private final ValidatorOptions options;
    private final long toleranceMillis;
    private final long retentionMillis;

    private transient ValueState<KeyState> keys;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient ListState<PartialStatus> countersState;
    private transient TableCounterSet counters;
    private transient DriftEvents driftEvents;

    /** Divergences without a Flink timer yet (see {@link #CHECK_GRACE_MILLIS}). */
    private transient QueuedChecks queuedChecks;

    private transient DetectorMetrics metrics;
    private transient NameInterner names;
    /**
     * The tolerance, the retention and when this instance started watching (processing time at open). While the
     * validator was down nobody could see the other side catch up, so a divergence restored from before that gets its
     * full tolerance from then: without it, every key the source changed during the downtime would be reported the
     * moment the job is back, before the target's backlog of the same changes is read.
     */
    private transient KeyState.Timing timing;

    public DriftDetector(ValidatorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.toleranceMillis = options.tolerance().toMillis();
        this.retentionMillis = options.idleKeyRetention().toMillis();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        counters = new TableCounterSet(options.migration());
        countersState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("table-counters", TypeInformation.of(PartialStatus.class)));
        if (context.isRestored()) {
            counters.restore(countersState.get());
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        ValueStateDescriptor<KeyState> descriptor = new ValueStateDescriptor<>("key-state", new KeyStateSerializer());
        // A backstop only (the cleanup timers forget idle keys). RocksDB's compaction filter drops expired entries. On
        // the heap backend an expired entry is never returned and is dropped when read (its key's cleanup timer reads
        // it); neither a per-access cleanup (a scan of the state map on every record) nor a full-snapshot cleanup (a
        // pass over every key at every checkpoint, which delays drift events) is worth its cost there.
        descriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(options.idleKeyRetention().multipliedBy(2))
                        .updateTtlOnCreateAndWrite()
                        .neverReturnExpired()
                        .cleanupInRocksdbCompactFilter(ROCKSDB_TTL_QUERY_INTERVAL)
                        .disableCleanupInBackground()
                        .build());
        keys = getPartitionedState(descriptor);
        timers = getInternalTimerService("drift-timers", VoidNamespaceSerializer.INSTANCE, this);
        timing = new KeyState.Timing(toleranceMillis, retentionMillis, timers.currentProcessingTime());
        driftEvents = new DriftEvents(options.migration(), options.privacyMode());
        metrics = new DetectorMetrics(getMetricGroup(), counters::openDrifts, counters::keysTracked);
        names = new NameInterner(MAX_INTERNED_NAMES);
        long interval = options.statusInterval().toMillis();
        getProcessingTimeService().scheduleWithFixedDelay(time -> emitPartials(false), interval, interval);
        queuedChecks = new QueuedChecks();
        if (queuesDivergences()) {
            getProcessingTimeService()
                    .scheduleWithFixedDelay(
                            time -> promoteQueuedChecks(time - CHECK_GRACE_MILLIS),
                            CHECK_INTERVAL_MILLIS,
                            CHECK_INTERVAL_MILLIS);
        }
    }

    @Override
    public void processElement1(StreamRecord<ChangeEvent> element) throws Exception {
        process(element.getValue(), Side.SOURCE);
    }

    @Override
    public void processElement2(StreamRecord<ChangeEvent> element) throws Exception {
        process(element.getValue(), Side.TARGET);
    }

    private void process(ChangeEvent change, Side input) throws Exception {
        if (change.side != input) {
            throw new IllegalStateException("a " + change.side + " change of " + change.schema + "." + change.table
                    + " arrived on the " + input + " input; the job wiring is broken");
        }
        TableCounters tableCounters = counters.of(change.schema, change.table);
        if (change.version.op == Op.TRUNCATE) {
            tableCounters.truncateIgnored();
            LOG.warn(
                    "{} table {}.{} was truncated at LSN {}; the validator ignores TRUNCATE (it names no keys): run a"
                            + " batch compare of that table",
                    input,
                    change.schema,
                    change.table,
                    change.version.lsn);
            return;
        }
        long now = timers.currentProcessingTime();
        KeyState state = keys.value();
        boolean created = state == null;
        if (created) {
            state = new KeyState(names.applyToAll(change.keyColumns));
        }
        if (state.isStale(input, change.version.lsn)) {
            tableCounters.duplicateIgnored();
            metrics.duplicateIgnored();
            return;
        }
        SideVersion version = change.version.following(state.version(input));
        tableCounters.event(input, version.commitMicros);
        metrics.event(input);
        KeyState.EventOutcome outcome = state.onEvent(input, version, now);
        if (created) {
            tableCounters.keyAdded();
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, state.scheduleCleanup(now, timing));
        }
        act(outcome, state, change.key, now, tableCounters);
        keys.update(state);
    }

    /** Does what an event's outcome asks for: the lag, the resolution, the check of a divergence. */
    private void act(KeyState.EventOutcome outcome, KeyState state, String key, long now, TableCounters tableCounters) {
        if (outcome.lagMeasured()) {
            tableCounters.lag(outcome.lagMillis());
            metrics.lag(outcome.lagMillis());
        }
        if (outcome.checkDropped()) {
            queuedChecks.remove(key);
        }
        if (outcome.resolved() != null) {
            output.collect(new StreamRecord<>(driftEvents.resolved(state, outcome.resolved(), key, now)));
            tableCounters.driftResolved();
            metrics.driftResolved();
        }
        if (outcome.checkNeeded()) {
            if (queuesDivergences()) {
                state.queueCheck();
                queuedChecks.add(key, now);
            } else {
                armToleranceTimer(state, now);
            }
        }
    }

    /** Makes sure a tolerance timer is registered while a divergence waits to be reported. */
    private void armToleranceTimer(KeyState state, long now) {
        long timer = state.armToleranceTimer(now, timing);
        if (timer != KeyState.NO_TIMER) {
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, timer);
        }
    }

    private boolean queuesDivergences() {
        return options.tolerance().compareTo(MIN_QUEUED_TOLERANCE) >= 0;
    }

    /**
     * Gives every queued divergence from {@code cutoff} or earlier whose key still diverges its Flink timer (at the
     * same time as it would have had: the tolerance after the divergence began).
     */
    private void promoteQueuedChecks(long cutoff) throws Exception {
        long now = timers.currentProcessingTime();
        queuedChecks.promoteUpTo(cutoff, key -> {
            setCurrentKey(key);
            KeyState state = keys.value();
            if (state != null && state.checkQueued()) {
                state.unqueueCheck();
                armToleranceTimer(state, now);
                keys.update(state);
            }
        });
    }

    /**
     * The queue lives only in memory: before a checkpoint every queued divergence gets its Flink timer (or, if it has
     * ended, none), so that the checkpoint holds everything a restore needs.
     */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        promoteQueuedChecks(Long.MAX_VALUE);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        KeyState state = keys.value();
        if (state == null) {
            return;
        }
        long firedAt = timer.getTimestamp();
        long now = timers.currentProcessingTime();
        String key = timer.getKey();
        if (state.isToleranceTimer(firedAt)) {
            if (state.onToleranceTimer(now, timing)) {
                report(state, key, now);
            }
            armToleranceTimer(state, now);
        }
        if (state.isCleanupTimer(firedAt)) {
            if (state.onCleanupTimer(now, timing)) {
                keys.clear();
                counters.ofKey(key).keyRemoved();
                return;
            }
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, state.cleanupTimerMillis);
        }
        keys.update(state);
    }

    /** The sides have disagreed for the tolerance: a new drift, or an open one whose kind or columns changed. */
    private void report(KeyState state, String key, long now) {
        KeyState.Report report = state.report(options.migration(), key, now);
        if (report.opened()) {
            counters.ofKey(key).driftOpened();
            metrics.driftDetected();
        }
        output.collect(new StreamRecord<>(driftEvents.drift(state, key, report.verdict())));
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
        throw new IllegalStateException("the drift detector registers no event-time timers, got one at "
                + timer.getTimestamp() + " for key " + timer.getKey());
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        countersState.update(counters.checkpointForms());
    }

    @Override
    public void finish() throws Exception {
        emitPartials(true);
        super.finish();
    }

    private void emitPartials(boolean all) {
        counters.forEach(tableCounters -> {
            if (all || tableCounters.changedSinceLastPartial()) {
                output.collect(PARTIAL_STATUS, new StreamRecord<>(tableCounters.drainPartial()));
            }
        });
    }
}
