package dev.driftguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.compare.CompareResult;
import dev.driftguard.compare.CompareSummary;
import dev.driftguard.compare.DifferenceCounts;
import dev.driftguard.compare.TableResult;
import dev.driftguard.compare.TableStatus;
import dev.driftguard.row.TableId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DemoOutcomeTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");
    private static final UUID DELETED = UUID.fromString("4cef5ffe-38c4-4a9a-8348-657988dac4f8");
    private static final UUID EXTRA = UUID.fromString("9aca901c-9969-49d2-a20f-a8aba071491d");

    @Test
    void everyDriftFoundAndResolvedAndIdenticalIsASuccess() {
        DemoOutcome outcome = outcome(resolvedDrifts(), List.of(), status(0), 3, 3, identical());

        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.resultLines()).singleElement().asString().startsWith("Result: OK");
        assertThat(outcome.summaryLines())
                .contains("  workload          9,000 row changes on the source in 45 s (200/s)")
                .contains("  events validated  source 12,000, target 12,006 (6,500 keys tracked)")
                .contains("  drifts            3 injected, 3 found (6 s to 7.5 s after injection), 3 resolved"
                        + " (1.5 s after repair), 0 other")
                .contains("  audit store       3 stream findings, 3 resolved")
                .anySatisfy(line -> assertThat(line)
                        .startsWith("  batch compare     accounts identical, orders identical; 5,000 rows in 600 ms,"
                                + " 0 difference(s)"));
    }

    @Test
    void aDriftNotReportedNamesKindAndKey() {
        List<InjectedDrift> drifts = resolvedDrifts();
        InjectedDrift extra = drifts.get(2);
        drifts.set(
                2,
                InjectedDrift.injected(
                        DriftKind.EXTRA_ON_TARGET,
                        extra.table(),
                        extra.keyValue(),
                        extra.change(),
                        extra.injectedAt()));

        DemoOutcome outcome = outcome(drifts, List.of(), status(0), 2, 2, identical());

        assertThat(outcome.failures())
                .containsExactly(
                        "the EXTRA_ON_TARGET injected on public.orders order_id=" + EXTRA + " was not reported",
                        "the EXTRA_ON_TARGET injected on public.orders order_id=" + EXTRA
                                + " was not reported RESOLVED after the repair",
                        "the audit store holds 2 stream finding(s), 2 resolved; expected 3, all resolved");
        assertThat(outcome.resultLines()).first().isEqualTo("Result: FAILED");
    }

    @Test
    void aWrongKindADriftLeftOpenAndAnUntouchedKeyAreFailures() {
        List<InjectedDrift> drifts = resolvedDrifts();
        InjectedDrift mismatch = drifts.get(0);
        drifts.set(0, mismatch.withFound(new InjectedDrift.Reported(DriftKind.MISSING_ON_TARGET, T0, "")));
        DriftEvent falsePositive = DriftEvent.newBuilder()
                .setDriftId("d1")
                .setMigration("demo")
                .setSchema$("public")
                .setTable("accounts")
                .setKey(List.of(new KeyPart("id", "500")))
                .setKind(DriftKind.VALUE_MISMATCH)
                .setColumns(List.of("balance"))
                .setFirstSeenMicros(T0)
                .setDetectedAtMicros(T0)
                .build();

        DemoOutcome outcome = outcome(drifts, List.of(falsePositive), status(1), 3, 3, identical());

        assertThat(outcome.failures())
                .containsExactly(
                        "the VALUE_MISMATCH injected on public.accounts id=7 was reported as MISSING_ON_TARGET",
                        "the validator reported 1 drift event(s) for rows the demo did not touch:"
                                + " VALUE_MISMATCH public.accounts id=500",
                        "the validator still counts 1 open drift(s) at the end");
    }

    @Test
    void batchDifferencesAndAMissingStatusAreFailures() {
        CompareResult different = compare(
                table("accounts", TableStatus.IDENTICAL, DifferenceCounts.NONE),
                table("orders", TableStatus.DIFFERENT, new DifferenceCounts(1, 0, 0)));

        DemoOutcome outcome = outcome(resolvedDrifts(), List.of(), null, 3, 3, different);

        assertThat(outcome.failures())
                .containsExactly(
                        "the validator published no status",
                        "batch compare did not find source and target identical: accounts identical, orders"
                                + " different (1 differences); 5,000 rows in 600 ms, 1 difference(s) (run run-1)");
    }

    private static DemoOutcome outcome(
            List<InjectedDrift> drifts,
            List<DriftEvent> unexpected,
            ValidationStatus status,
            int auditFindings,
            int auditResolved,
            CompareResult compare) {
        return new DemoOutcome(
                9_000,
                Duration.ofSeconds(45),
                status,
                drifts,
                unexpected,
                new DemoOutcome.AuditFindings(auditFindings, auditResolved),
                compare,
                Path.of("reports", "compare.json"),
                Path.of("reports", "compare.html"));
    }

    private static List<InjectedDrift> resolvedDrifts() {
        List<InjectedDrift> drifts = new ArrayList<>();
        drifts.add(resolved(DriftKind.VALUE_MISMATCH, DemoSchema.ACCOUNTS, 7L, 6_000));
        drifts.add(resolved(DriftKind.MISSING_ON_TARGET, DemoSchema.ORDERS, DELETED, 7_500));
        drifts.add(resolved(DriftKind.EXTRA_ON_TARGET, DemoSchema.ORDERS, EXTRA, 7_000));
        return drifts;
    }

    private static InjectedDrift resolved(DriftKind kind, DemoSchema.DemoTable table, Object key, long foundAfterMs) {
        Instant found = T0.plusMillis(foundAfterMs);
        Instant repaired = T0.plusSeconds(10);
        return InjectedDrift.injected(kind, table, key, "change", T0)
                .withFound(new InjectedDrift.Reported(kind, found, "details"))
                .withRepairedAt(repaired)
                .withResolvedAt(repaired.plusMillis(1_500));
    }

    private static ValidationStatus status(long openDrifts) {
        return ValidationStatus.newBuilder()
                .setMigration("demo")
                .setEmittedAtMicros(T0)
                .setOpenDrifts(openDrifts)
                .setEventsSource(12_000)
                .setEventsTarget(12_006)
                .setKeysTracked(6_500)
                .setLagP50Millis(1L)
                .setLagP99Millis(4L)
                .setLagMaxMillis(9L)
                .build();
    }

    private static CompareResult identical() {
        return compare(
                table("accounts", TableStatus.IDENTICAL, DifferenceCounts.NONE),
                table("orders", TableStatus.IDENTICAL, DifferenceCounts.NONE));
    }

    private static CompareResult compare(TableResult... tables) {
        DifferenceCounts total = DifferenceCounts.NONE;
        int identical = 0;
        for (TableResult t : tables) {
            total = total.plus(t.counts());
            identical += t.status() == TableStatus.IDENTICAL ? 1 : 0;
        }
        CompareSummary summary = new CompareSummary(
                "run-1",
                "demo",
                false,
                T0,
                T0.plusMillis(600),
                tables.length,
                identical,
                tables.length - identical,
                0,
                0,
                5_000,
                5_000,
                5_000,
                total,
                0,
                2,
                0);
        return new CompareResult(summary, List.of(tables));
    }

    private static TableResult table(String name, TableStatus status, DifferenceCounts counts) {
        return new TableResult(
                new TableId("public", name),
                status,
                null,
                2_500L,
                2_500L,
                counts,
                List.of(),
                List.of(),
                0,
                List.of(),
                1,
                0,
                Duration.ofMillis(300));
    }
}
