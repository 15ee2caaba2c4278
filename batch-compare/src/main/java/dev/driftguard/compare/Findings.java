package dev.driftguard.compare;

import dev.driftguard.audit.Finding;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A run's differences as audit-store findings (origin 'batch'). */
final class Findings {

    private Findings() {}

    /**
     * The run's findings; a difference of a key that {@code stillOpen} lists (by table) keeps that open finding's id,
     * so that storing it updates the finding instead of opening another one for the same row.
     */
    static List<Finding> of(
            CompareResult result, String migrationId, int recheckRounds, Map<TableId, Map<RowKey, String>> stillOpen) {
        String runId = result.summary().runId();
        Instant at = result.summary().finishedAt();
        List<Finding> findings = new ArrayList<>();
        for (TableResult table : result.tables()) {
            Map<RowKey, String> open = stillOpen.getOrDefault(table.table(), Map.of());
            for (Difference d : table.differences()) {
                findings.add(finding(runId, migrationId, table, d, at, open).build());
            }
            for (Difference d : table.inFlight()) {
                findings.add(finding(runId, migrationId, table, d, at, open)
                        .resolved(
                                at,
                                "IN_FLIGHT: still changing after " + recheckRounds
                                        + " recheck round(s); left to the streaming validator")
                        .build());
            }
        }
        return findings;
    }

    private static Finding.Builder finding(
            String runId, String migrationId, TableResult table, Difference d, Instant at, Map<RowKey, String> open) {
        boolean hashOnly = d.source().isEmpty() && d.target().isEmpty();
        return Finding.builder()
                .findingId(open.getOrDefault(d.key(), findingId(runId, table, d)))
                .migrationId(migrationId)
                .fromBatch(runId)
                .table(table.table())
                .key(d.key())
                .kind(d.kind().driftKind())
                .columns(d.columns())
                .sourceValues(hashOnly || d.kind() == DifferenceKind.EXTRA_ON_TARGET ? null : d.source())
                .targetValues(hashOnly || d.kind() == DifferenceKind.MISSING_ON_TARGET ? null : d.target())
                .firstSeen(at)
                .detectedAt(at);
    }

    /** Deterministic: the same run, table, kind and key give the same id, so storing again is idempotent. */
    static String findingId(String runId, TableResult table, Difference d) {
        String identity = runId
                + '\0'
                + table.table().quoted()
                + '\0'
                + d.kind()
                + '\0'
                + d.key().encoded();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "batch-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM provides no SHA-256", e);
        }
    }
}
