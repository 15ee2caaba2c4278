package dev.driftguard.compare;

import dev.driftguard.avro.DriftKind;

/** How a row differs between source and target. */
public enum DifferenceKind {
    /** The key exists on the source only. */
    MISSING_ON_TARGET,
    /** The key exists on the target only. */
    EXTRA_ON_TARGET,
    /** The key exists on both sides with different values in some columns. */
    VALUE_MISMATCH;

    /** The same kind in the shared Avro/audit vocabulary. */
    public DriftKind driftKind() {
        return DriftKind.valueOf(name());
    }
}
