package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.validator.EpochMicros;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Makes the drift events of one migration's keys: a drift (new or updated) and its resolution. */
final class DriftEvents {

    private final String migration;
    private final boolean privacyMode;

    DriftEvents(String migration, boolean privacyMode) {
        this.migration = migration;
        this.privacyMode = privacyMode;
    }

    /**
     * The open drift of {@code state} as {@code verdict} describes it, with both sides' values of the differing columns
     * (all columns when none can be named), unless in privacy mode.
     */
    DriftEvent drift(KeyState state, String key, Verdict verdict) {
        DriftEvent.Builder event =
                base(state, state.drift, key).setKind(verdict.kind()).setColumns(verdict.columns());
        if (!privacyMode) {
            List<String> wanted = verdict.kind() == DriftKind.VALUE_MISMATCH
                            && !verdict.columns().isEmpty()
                    ? verdict.columns()
                    : null;
            event.setSourceValues(valuesOf(state.source, wanted));
            event.setTargetValues(valuesOf(state.target, wanted));
        }
        return event.build();
    }

    /** The resolution of {@code drift}, which was open on {@code state}'s key until now. */
    DriftEvent resolved(KeyState state, OpenDrift drift, String key, long nowMillis) {
        return base(state, drift, key)
                .setKind(DriftKind.RESOLVED)
                .setColumns(List.of())
                .setResolvedAtMicros(EpochMicros.ofMillis(nowMillis))
                .build();
    }

    private DriftEvent.Builder base(KeyState state, OpenDrift drift, String key) {
        List<KeyPart> keyParts = DetectorKey.keyParts(key, List.of(state.keyColumns));
        return DriftEvent.newBuilder()
                .setDriftId(drift.id())
                .setMigration(migration)
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
}
