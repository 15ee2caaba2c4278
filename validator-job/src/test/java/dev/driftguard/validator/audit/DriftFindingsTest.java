package dev.driftguard.validator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.audit.Finding;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftFindingsTest {

    @Test
    void aDriftBecomesAnOpenStreamFindingWithTheSameIdKeyAndValues() {
        Finding finding = DriftFindings.finding(AuditBatchSerializerTest.drift("d1", DriftKind.VALUE_MISMATCH));

        assertThat(finding.findingId()).isEqualTo("d1");
        assertThat(finding.origin()).isEqualTo(Finding.Origin.STREAM);
        assertThat(finding.runId()).isNull();
        assertThat(finding.table()).isEqualTo(new TableId("public", "orders"));
        assertThat(finding.key()).isEqualTo(RowKey.of(List.of("id"), List.of("7")));
        assertThat(finding.kind()).isEqualTo(DriftKind.VALUE_MISMATCH);
        assertThat(finding.columns()).containsExactly("status");
        assertThat(finding.sourceValues()).containsEntry("status", "new");
        assertThat(finding.targetValues()).containsEntry("status", null);
        assertThat(finding.firstSeen()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(finding.detectedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
        assertThat(finding.isOpen()).isTrue();
    }
}
