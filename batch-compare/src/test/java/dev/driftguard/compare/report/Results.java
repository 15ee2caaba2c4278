package dev.driftguard.compare.report;

import dev.driftguard.compare.CompareResult;
import dev.driftguard.compare.CompareSummary;
import dev.driftguard.compare.Difference;
import dev.driftguard.compare.DifferenceCounts;
import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.compare.SchemaDifference;
import dev.driftguard.compare.TableResult;
import dev.driftguard.compare.TableStatus;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small result with every kind of content, for report tests. */
final class Results {

    private Results() {}

    static CompareResult sample() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("v", null);
        Difference mismatch = new Difference(
                DifferenceKind.VALUE_MISMATCH,
                RowKey.of(List.of("id", "name"), List.of("7", "<script>alert(1)</script>")),
                List.of("v"),
                Map.of("v", "a & \"b\""),
                nullValue);
        Difference missing = new Difference(
                DifferenceKind.MISSING_ON_TARGET,
                RowKey.of(List.of("id", "name"), List.of("8", "x")),
                List.of(),
                Map.of("id", "8", "name", "x", "v", "'q'"),
                Map.of());
        TableResult different = new TableResult(
                new TableId("public", "t<1>"),
                TableStatus.DIFFERENT,
                "column \"extra\" exists on the source only",
                10L,
                9L,
                new DifferenceCounts(1, 0, 1),
                List.of(mismatch, missing),
                List.of(),
                3,
                List.of(new SchemaDifference(
                        SchemaDifference.Kind.MISSING_ON_TARGET,
                        "extra",
                        "text",
                        null,
                        "column \"extra\" exists on the source only")),
                2,
                1,
                Duration.ofMillis(1500));
        TableResult skipped = TableResult.notCompared(new TableId("s", "nokey"), TableStatus.SKIPPED, "no key");
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        CompareSummary summary = new CompareSummary(
                "cmp-1",
                "m-1",
                true,
                start,
                start.plusSeconds(2),
                2,
                0,
                1,
                1,
                0,
                10,
                9,
                10,
                new DifferenceCounts(1, 0, 1),
                0,
                2,
                1);
        return new CompareResult(summary, List.of(different, skipped));
    }
}
