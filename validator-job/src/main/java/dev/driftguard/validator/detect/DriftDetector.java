package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.Side;
import dev.driftguard.validator.EpochMicros;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.status.PartialStatus;
import dev.driftguard.validator.status.TableCounters;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
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
    /** The counters this subtask updates, by schema then table. */
    private transient Map<String, Map<String, TableCounters>> counters;
    /** Counter sets restored beyond one per table (after rescaling): sent, never updated. */
    private transient List<TableCounters> restoredExtraCounters;

    /** Divergences without a Flink timer yet, oldest first (see {@link #CHECK_GRACE_MILLIS}); never checkpointed. */
    private transient ArrayDeque<QueuedCheck> queuedChecks;

    private transient DetectorMetrics metrics;
    private transient NameInterner names;
    /**
     * When this instance started watching (processing time at open). While the validator was down nobody could see the
     * other side catch up, so a divergence restored from before that gets its full tolerance from then: without it,
     * every key the source changed during the downtime would be reported the moment the job is back, before the
     * target's backlog of the same changes is read.
     */
    private transient long watchingSinceMillis;

    public DriftDetector(ValidatorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.toleranceMillis = options.tolerance().toMillis();
        this.retentionMillis = options.idleKeyRetention().toMillis();
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        counters = new HashMap<>();
        restoredExtraCounters = new ArrayList<>();
        countersState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("table-counters", TypeInformation.of(PartialStatus.class)));
        if (context.isRestored()) {
            for (PartialStatus restored : countersState.get()) {
                Map<String, TableCounters> bySchema = counters.computeIfAbsent(restored.schema, s -> new HashMap<>());
                if (bySchema.containsKey(restored.table)) {
                    restoredExtraCounters.add(TableCounters.restore(restored));
                } else {
                    bySchema.put(restored.table, TableCounters.restore(restored));
                }
            }
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
        watchingSinceMillis = timers.currentProcessingTime();
        metrics = new DetectorMetrics(getMetricGroup(), this::openDrifts, this::keysTracked);
        names = new NameInterner(MAX_INTERNED_NAMES);
        long interval = options.statusInterval().toMillis();
        getProcessingTimeService().scheduleWithFixedDelay(time -> emitPartials(false), interval, interval);
        queuedChecks = new ArrayDeque<>();
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
        TableCounters tableCounters = countersOf(change.schema, change.table);
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
        SideVersion previous = state.version(input);
        if (previous != null && change.version.lsn <= previous.lsn) {
            tableCounters.duplicateIgnored();
            metrics.duplicateIgnored();
            return;
        }
        SideVersion version = change.version.following(previous);
        tableCounters.event(input, version.commitMicros);
        metrics.event(input);
        state.setVersion(input, version);
        state.lastEventMillis = now;
        if (created) {
            tableCounters.keyAdded();
            state.cleanupTimerMillis = now + retentionMillis;
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, state.cleanupTimerMillis);
        }
        reevaluate(state, change.key, now, tableCounters);
        keys.update(state);
    }

    private void reevaluate(KeyState state, String key, long now, TableCounters tableCounters) {
        Verdict verdict = Comparison.compare(state.source, state.target);
        if (verdict.equal()) {
            // Only when the sides just became equal do they hold the same version: an update that changes nothing
            // keeps them "equal" while one side is a version ahead.
            if (state.source != null
                    && state.target != null
                    && state.diverged()
                    && !state.source.fromSnapshot()
                    && !state.target.fromSnapshot()) {
                long lagMillis = ReplicationLag.millis(state.source, state.target);
                tableCounters.lag(lagMillis);
                metrics.lag(lagMillis);
            }
            shareAgreedContent(state);
            // A pending tolerance timer stays: deleting costs as much as letting it fire, and a key that diverges
            // again soon (a hot key) reuses it.
            state.divergedAtMillis = KeyState.NOT_DIVERGED;
            state.pendingSinceMillis = KeyState.NOT_PENDING;
            state.divergenceSourceLsn = -1;
            state.divergenceTargetLsn = -1;
            if (state.drift != null) {
                output.collect(new StreamRecord<>(resolved(state, key, now)));
                state.drift = null;
                tableCounters.driftResolved();
                metrics.driftResolved();
            }
            return;
        }
        if (!state.diverged()) {
            state.divergedAtMillis = now;
            state.divergenceSourceLsn = state.source == null ? -1 : state.source.lsn;
            state.divergenceTargetLsn = state.target == null ? -1 : state.target.lsn;
        }
        if (state.drift != null && state.drift.reports(verdict)) {
            state.pendingSinceMillis = KeyState.NOT_PENDING;
        } else if (state.pendingSinceMillis == KeyState.NOT_PENDING) {
            state.pendingSinceMillis = now;
        }
        if (state.pendingSinceMillis != KeyState.NOT_PENDING && state.toleranceTimerMillis == 0) {
            if (queuesDivergences()) {
                state.toleranceTimerMillis = KeyState.CHECK_QUEUED;
                queuedChecks.add(new QueuedCheck(key, now));
            } else {
                armToleranceTimer(state, now);
            }
        }
    }

    /** Makes sure a tolerance timer is registered while a divergence waits to be reported. */
    private void armToleranceTimer(KeyState state, long now) {
        if (state.pendingSinceMillis != KeyState.NOT_PENDING && state.toleranceTimerMillis == 0) {
            // An earlier registered timer fires no later than this one would, and re-arms itself then.
            state.toleranceTimerMillis = Math.max(dueAt(state), now + 1);
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, state.toleranceTimerMillis);
        }
    }

    /** When the pending divergence of {@code state} is reported if it lasts: a tolerance after it was first seen. */
    private long dueAt(KeyState state) {
        return Math.max(state.pendingSinceMillis, watchingSinceMillis) + toleranceMillis;
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
        while (!queuedChecks.isEmpty() && queuedChecks.peekFirst().sinceMillis() <= cutoff) {
            QueuedCheck check = queuedChecks.pollFirst();
            setCurrentKey(check.key());
            KeyState state = keys.value();
            if (state != null && state.toleranceTimerMillis == KeyState.CHECK_QUEUED) {
                state.toleranceTimerMillis = 0;
                armToleranceTimer(state, now);
                keys.update(state);
            }
        }
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

    /** A divergence of {@code key} since {@code sinceMillis} that has no Flink timer yet. */
    private record QueuedCheck(String key, long sinceMillis) {}

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        KeyState state = keys.value();
        if (state == null) {
            return;
        }
        long firedAt = timer.getTimestamp();
        long now = timers.currentProcessingTime();
        String key = timer.getKey();
        if (firedAt == state.toleranceTimerMillis) {
            state.toleranceTimerMillis = 0;
            if (state.pendingSinceMillis != KeyState.NOT_PENDING && dueAt(state) <= now) {
                report(state, key, now, countersOf(key));
            }
            armToleranceTimer(state, now);
        }
        if (firedAt == state.cleanupTimerMillis) {
            boolean idle = state.lastEventMillis + retentionMillis <= now;
            if (idle && state.drift == null && !state.diverged()) {
                keys.clear();
                countersOf(key).keyRemoved();
                return;
            }
            // Still in use, or an open drift, which is never forgotten silently: look again later.
            state.cleanupTimerMillis = Math.max(state.lastEventMillis + retentionMillis, now + 1);
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, state.cleanupTimerMillis);
        }
        keys.update(state);
    }

    /** The sides have disagreed for the tolerance: a new drift, or an open one whose kind or columns changed. */
    private void report(KeyState state, String key, long now, TableCounters tableCounters) {
        state.pendingSinceMillis = KeyState.NOT_PENDING;
        Verdict verdict = Comparison.compare(state.source, state.target);
        if (state.drift == null) {
            String id = DriftIds.of(options.migration(), key, state.divergenceSourceLsn, state.divergenceTargetLsn);
            state.drift = new OpenDrift(id, verdict.kind(), verdict.columns(), state.divergedAtMillis, now);
            tableCounters.driftOpened();
            metrics.driftDetected();
        } else {
            state.drift = state.drift.updatedTo(verdict, now);
        }
        output.collect(new StreamRecord<>(drift(state, key, verdict)));
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
        throw new IllegalStateException("the drift detector registers no event-time timers, got one at "
                + timer.getTimestamp() + " for key " + timer.getKey());
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<PartialStatus> snapshot = new ArrayList<>();
        for (Map<String, TableCounters> bySchema : counters.values()) {
            for (TableCounters tableCounters : bySchema.values()) {
                snapshot.add(tableCounters.checkpointForm());
            }
        }
        for (TableCounters extra : restoredExtraCounters) {
            snapshot.add(extra.checkpointForm());
        }
        countersState.update(snapshot);
    }

    @Override
    public void finish() throws Exception {
        emitPartials(true);
        super.finish();
    }

    private void emitPartials(boolean all) {
        for (Map<String, TableCounters> bySchema : counters.values()) {
            for (TableCounters tableCounters : bySchema.values()) {
                emitPartial(tableCounters, all);
            }
        }
        for (TableCounters extra : restoredExtraCounters) {
            emitPartial(extra, all);
        }
    }

    private void emitPartial(TableCounters tableCounters, boolean always) {
        if (always || tableCounters.changedSinceLastPartial()) {
            output.collect(PARTIAL_STATUS, new StreamRecord<>(tableCounters.drainPartial()));
        }
    }

    /**
     * Two live versions with the same content (see {@link Comparison#sameContent}) keep it once: a settled key then
     * holds (and checkpoints) its columns once.
     */
    private static void shareAgreedContent(KeyState state) {
        SideVersion source = state.source;
        SideVersion target = state.target;
        if (source != null
                && target != null
                && !target.sharesContentWith(source)
                && Comparison.sameContent(source, target)) {
            state.target = target.withContentOf(source);
        }
    }

    private DriftEvent drift(KeyState state, String key, Verdict verdict) {
        DriftEvent.Builder event = baseEvent(state, key).setKind(verdict.kind()).setColumns(verdict.columns());
        if (!options.privacyMode()) {
            List<String> wanted = verdict.kind() == DriftKind.VALUE_MISMATCH
                            && !verdict.columns().isEmpty()
                    ? verdict.columns()
                    : null;
            event.setSourceValues(valuesOf(state.source, wanted));
            event.setTargetValues(valuesOf(state.target, wanted));
        }
        return event.build();
    }

    private DriftEvent resolved(KeyState state, String key, long now) {
        return baseEvent(state, key)
                .setKind(DriftKind.RESOLVED)
                .setColumns(List.of())
                .setResolvedAtMicros(EpochMicros.ofMillis(now))
                .build();
    }

    private DriftEvent.Builder baseEvent(KeyState state, String key) {
        OpenDrift drift = state.drift;
        List<KeyPart> keyParts = DetectorKey.keyParts(key, List.of(state.keyColumns));
        return DriftEvent.newBuilder()
                .setDriftId(drift.id())
                .setMigration(options.migration())
                .setSchema$(DetectorKey.schema(key))
                .setTable(DetectorKey.table(key))
                .setKey(keyParts)
                .setSourceValues(null)
                .setTargetValues(null)
                .setSourcePosition(state.source == null ? null : state.source.position())
                .setTargetPosition(state.target == null ? null : state.target.position())
                .setFirstSeenMicros(EpochMicros.ofMillis(drift.firstSeenMillis()))
                .setDetectedAtMicros(EpochMicros.ofMillis(drift.detectedAtMillis()))
                .setResolvedAtMicros(null);
    }

    private static Map<String, String> valuesOf(SideVersion version, List<String> wanted) {
        if (version == null || version.deleted()) {
            return null;
        }
        return version.valuesOf(wanted, new TreeMap<>());
    }

    /** The counters of the table of a detector key (most timers fire for keys that need none: not computed then). */
    private TableCounters countersOf(String key) {
        return countersOf(DetectorKey.schema(key), DetectorKey.table(key));
    }

    private TableCounters countersOf(String schema, String table) {
        return counters.computeIfAbsent(schema, s -> new HashMap<>())
                .computeIfAbsent(table, t -> TableCounters.create(options.migration(), schema, table));
    }

    private long openDrifts() {
        return sum(TableCounters::openDrifts);
    }

    private long keysTracked() {
        return sum(TableCounters::keysTracked);
    }

    private long sum(ToLongFunction<TableCounters> value) {
        long sum = 0;
        for (Map<String, TableCounters> bySchema : counters.values()) {
            for (TableCounters tableCounters : bySchema.values()) {
                sum += value.applyAsLong(tableCounters);
            }
        }
        for (TableCounters extra : restoredExtraCounters) {
            sum += value.applyAsLong(extra);
        }
        return sum;
    }
}
