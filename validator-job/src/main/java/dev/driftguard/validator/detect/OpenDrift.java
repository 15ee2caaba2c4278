package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftKind;
import java.util.List;
import java.util.Objects;

/**
 * A drift that has been reported and not yet resolved. Times are processing time in epoch milliseconds.
 *
 * @param firstSeenMillis when the sides started to disagree
 * @param detectedAtMillis when the drift was (last) reported
 */
record OpenDrift(String id, DriftKind kind, List<String> columns, long firstSeenMillis, long detectedAtMillis) {

    OpenDrift {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        columns = List.copyOf(columns);
    }

    /** Whether this drift already reports what {@code verdict} says. */
    boolean reports(Verdict verdict) {
        return kind == verdict.kind() && columns.equals(verdict.columns());
    }

    OpenDrift updatedTo(Verdict verdict, long nowMillis) {
        return new OpenDrift(id, verdict.kind(), verdict.columns(), firstSeenMillis, nowMillis);
    }
}
