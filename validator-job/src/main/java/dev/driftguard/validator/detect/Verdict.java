package dev.driftguard.validator.detect;

import dev.driftguard.avro.DriftKind;
import java.util.List;

/** Whether the two sides agree on a key and, if not, how they differ. */
record Verdict(DriftKind kind, List<String> columns) {

    static final Verdict EQUAL = new Verdict(null, List.of());

    Verdict {
        columns = List.copyOf(columns);
        if (kind == DriftKind.RESOLVED) {
            throw new IllegalArgumentException("RESOLVED is an event, not a difference");
        }
    }

    static Verdict of(DriftKind kind) {
        return new Verdict(kind, List.of());
    }

    boolean equal() {
        return kind == null;
    }
}
