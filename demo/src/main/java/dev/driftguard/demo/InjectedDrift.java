package dev.driftguard.demo;

import dev.driftguard.avro.DriftKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One drift the demo wrote directly on the target, and what the validator said about it.
 *
 * @param keyValue the primary key value as JDBC binds it
 * @param keyText the key's canonical text, as drift events carry it
 * @param change what was done on the target, for people
 */
record InjectedDrift(
        DriftKind expected,
        DemoSchema.DemoTable table,
        Object keyValue,
        String keyText,
        String change,
        Instant injectedAt,
        Reported found,
        Instant repairedAt,
        Instant resolvedAt) {

    /** A drift event the validator reported for the injected key. */
    record Reported(DriftKind kind, Instant at, String details) {}

    InjectedDrift {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyValue, "keyValue");
        Objects.requireNonNull(keyText, "keyText");
    }

    static InjectedDrift injected(
            DriftKind expected, DemoSchema.DemoTable table, Object keyValue, String change, Instant at) {
        return new InjectedDrift(expected, table, keyValue, keyValue.toString(), change, at, null, null, null);
    }

    /** {@code public.accounts id=7}. */
    String where() {
        return table.id() + " " + table.keyColumn() + "=" + keyText;
    }

    InjectedDrift withFound(Reported report) {
        return new InjectedDrift(
                expected, table, keyValue, keyText, change, injectedAt, report, repairedAt, resolvedAt);
    }

    InjectedDrift withRepairedAt(Instant at) {
        return new InjectedDrift(expected, table, keyValue, keyText, change, injectedAt, found, at, resolvedAt);
    }

    InjectedDrift withResolvedAt(Instant at) {
        return new InjectedDrift(expected, table, keyValue, keyText, change, injectedAt, found, repairedAt, at);
    }

    boolean isFound() {
        return found != null;
    }

    boolean isResolved() {
        return resolvedAt != null;
    }

    Duration timeToFind() {
        return Duration.between(injectedAt, found.at());
    }

    Duration timeToResolve() {
        return Duration.between(repairedAt, resolvedAt);
    }
}
