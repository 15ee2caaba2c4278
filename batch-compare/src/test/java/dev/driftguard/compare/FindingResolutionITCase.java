package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.audit.Finding;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Batch findings follow the data: a later run over the same rows resolves the ones it finds equal, keeps one finding
 * per still-differing row, and leaves alone what it did not compare.
 */
@ExtendWith(LocalStackExtension.class)
class FindingResolutionITCase {

    private static final String MIGRATION = "m-findings";

    @Test
    void aRepairedRowsFindingIsResolvedByTheNextRunAndUncoveredOnesStayOpen(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "findings");
        String audit = postgres.createUniqueDatabase("findings_audit");
        pair.onBoth(
                "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 100) g",
                "CREATE TABLE other (id int PRIMARY KEY, v text)",
                "INSERT INTO other VALUES (1, 'a')");
        pair.onTarget("UPDATE t SET v = 'drift' WHERE id <= 14", "UPDATE other SET v = 'b'");
        Consumer<CompareOptionsBuilder> audited =
                o -> o.auditDb(postgres.connectionSpec(audit)).migrationId(MIGRATION);

        String first = pair.compare(audited).summary().runId();
        Map<String, Finding> afterFirst = openByRow(postgres, audit);
        assertThat(afterFirst).hasSize(15);

        pair.onTarget("UPDATE t SET v = 'v1' WHERE id = 1");
        String second =
                pair.compare(audited.andThen(o -> o.tables("t"))).summary().runId();

        Map<String, Finding> afterSecond = openByRow(postgres, audit);
        assertThat(afterSecond)
                .as("one open finding per differing row, none for the repaired one")
                .hasSize(14);
        assertThat(afterSecond).doesNotContainKey("public.t (id=1)");
        assertThat(afterSecond.get("public.t (id=2)").findingId())
                .as("a still-differing row keeps its finding")
                .isEqualTo(afterFirst.get("public.t (id=2)").findingId());
        assertThat(afterSecond.get("public.other (id=1)").runId())
                .as("a table the run did not compare keeps its finding open")
                .isEqualTo(first);
        assertThat(finding(postgres, audit, afterFirst.get("public.t (id=1)").findingId())
                        .resolution())
                .isEqualTo("RESOLVED: equal on both sides in batch run " + second);

        pair.onTarget("UPDATE t SET v = 'v' || id WHERE id IN (3, 12)");
        pair.compare(audited.andThen(o -> o.tables("t").where("t:id > 10")));

        assertThat(openByRow(postgres, audit).keySet())
                .as("id 12 was compared and is equal; id 3 is outside --where and stays open")
                .contains("public.t (id=3)")
                .doesNotContain("public.t (id=12)")
                .hasSize(13);
    }

    /** Open findings by "table (key)"; fails if a row has more than one. */
    private static Map<String, Finding> openByRow(LocalPostgres postgres, String audit) {
        try (AuditStore store = AuditStore.open(postgres.connectionSpec(audit))) {
            List<Finding> open = store.findings(MIGRATION, true);
            return open.stream().collect(Collectors.toMap(f -> f.table() + " " + f.key(), f -> f));
        }
    }

    private static Finding finding(LocalPostgres postgres, String audit, String id) {
        try (AuditStore store = AuditStore.open(postgres.connectionSpec(audit))) {
            return store.finding(id).orElseThrow();
        }
    }
}
