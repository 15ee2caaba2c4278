package dev.driftguard.compare;

/** Number of differing rows by kind. */
public record DifferenceCounts(long missingOnTarget, long extraOnTarget, long valueMismatch) {

    public static final DifferenceCounts NONE = new DifferenceCounts(0, 0, 0);

    public long total() {
        return missingOnTarget + extraOnTarget + valueMismatch;
    }

    public DifferenceCounts plus(DifferenceCounts other) {
        return new DifferenceCounts(
                missingOnTarget + other.missingOnTarget,
                extraOnTarget + other.extraOnTarget,
                valueMismatch + other.valueMismatch);
    }

    public DifferenceCounts plus(DifferenceKind kind, long n) {
        return switch (kind) {
            case MISSING_ON_TARGET -> new DifferenceCounts(missingOnTarget + n, extraOnTarget, valueMismatch);
            case EXTRA_ON_TARGET -> new DifferenceCounts(missingOnTarget, extraOnTarget + n, valueMismatch);
            case VALUE_MISMATCH -> new DifferenceCounts(missingOnTarget, extraOnTarget, valueMismatch + n);
        };
    }

    public long of(DifferenceKind kind) {
        return switch (kind) {
            case MISSING_ON_TARGET -> missingOnTarget;
            case EXTRA_ON_TARGET -> extraOnTarget;
            case VALUE_MISMATCH -> valueMismatch;
        };
    }
}
