package dev.driftguard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.Position;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class AuditStoreITCase {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

    private final LocalPostgres postgres;

    AuditStoreITCase(LocalPostgres postgres) {
        this.postgres = postgres;
    }

    @Test
    void migrationsCreateTheSchemaOnAFreshDatabaseAndReapplyingChangesNothing() throws Exception {
        ConnectionSpec spec = postgres.connectionSpec(postgres.createUniqueDatabase("audit_migrate"));
        String version;
        try (AuditStore store = AuditStore.open(spec)) {
            version = store.schemaVersion();
        }
        // Components add their own versions (V1_1 batch compare, ...); the newest applied one is reported.
        assertThat(queryStrings(
                        spec,
                        "SELECT version FROM driftguard.flyway_schema_history WHERE success"
                                + " AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1"))
                .containsExactly(version);
        List<String> tables = queryStrings(
                spec,
                "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'driftguard' ORDER BY table_name");
        assertThat(tables)
                .contains(
                        "batch_runs",
                        "batch_segments",
                        "cutover_runs",
                        "cutover_steps",
                        "findings",
                        "flyway_schema_history",
                        "migrations",
                        "validation_status");
        List<String> history = queryStrings(
                spec,
                "SELECT version || ':' || success FROM driftguard.flyway_schema_history"
                        + " WHERE version IS NOT NULL ORDER BY installed_rank");

        try (AuditStore again = AuditStore.open(spec)) {
            assertThat(again.schemaVersion()).isEqualTo(version);
        }
        assertThat(queryStrings(
                        spec,
                        "SELECT version || ':' || success FROM driftguard.flyway_schema_history"
                                + " WHERE version IS NOT NULL ORDER BY installed_rank"))
                .isEqualTo(history)
                .contains("1:true");
    }

    @Test
    void concurrentOpensOfAFreshDatabaseMigrateItOnce() throws Exception {
        ConnectionSpec spec = postgres.connectionSpec(postgres.createUniqueDatabase("audit_concurrent"));
        List<CompletableFuture<String>> opens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opens.add(CompletableFuture.supplyAsync(() -> {
                try (AuditStore store = AuditStore.open(spec)) {
                    return store.schemaVersion();
                }
            }));
        }
        List<String> versions = opens.stream().map(CompletableFuture::join).toList();
        assertThat(versions).hasSize(3).containsOnly(versions.get(0));
        assertThat(queryStrings(
                        spec,
                        "SELECT count(*) || '/' || count(DISTINCT version)"
                                + " FROM driftguard.flyway_schema_history WHERE version IS NOT NULL AND success"))
                .singleElement()
                .satisfies(counts -> assertThat(counts.split("/")[0]).isEqualTo(counts.split("/")[1]));
        assertThat(queryStrings(
                        spec, "SELECT count(*)::text FROM driftguard.flyway_schema_history WHERE version = '1'"))
                .containsExactly("1");
    }

    @Test
    void upsertingTheSameFindingTwiceKeepsOneRowWithTheEarliestTimes() throws Exception {
        try (AuditStore store =
                AuditStore.open(postgres.connectionSpec(postgres.createUniqueDatabase("audit_upsert")))) {
            Finding first = mismatch("f-1", "m1").build();
            store.upsertFinding(first);
            assertThat(store.findings("m1", false)).containsExactly(first);

            Finding replay = mismatch("f-1", "m1")
                    .columns(List.of("balance", "owner"))
                    .detectedAt(T0.plusSeconds(60))
                    .build();
            store.upsertFinding(replay);
            store.upsertFinding(replay);

            assertThat(store.findings("m1", false)).singleElement().satisfies(f -> {
                assertThat(f.columns()).containsExactly("balance", "owner");
                assertThat(f.detectedAt()).isEqualTo(first.detectedAt());
                assertThat(f.firstSeen()).isEqualTo(first.firstSeen());
            });
            assertThat(count(store, "SELECT count(*) FROM driftguard.findings")).isEqualTo(1);
            assertThat(count(store, "SELECT count(*) FROM driftguard.migrations WHERE id = 'm1'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aResolvedFindingStaysResolvedWhenItsDetectionIsReplayed() {
        try (AuditStore store =
                AuditStore.open(postgres.connectionSpec(postgres.createUniqueDatabase("audit_resolve")))) {
            store.recordMigration("m2", "orders to aurora");
            Finding open = mismatch("f-2", "m2").build();
            store.upsertFinding(open);
            assertThat(store.findings("m2", true)).hasSize(1);

            Instant resolvedAt = T0.plusSeconds(120);
            assertThat(store.resolveFinding("f-2", resolvedAt, "RESOLVED")).isTrue();
            assertThat(store.resolveFinding("f-2", resolvedAt.plusSeconds(1), "RESOLVED"))
                    .isFalse();
            store.upsertFinding(open);

            assertThat(store.findings("m2", true)).isEmpty();
            assertThat(store.finding("f-2")).hasValueSatisfying(f -> {
                assertThat(f.isOpen()).isFalse();
                assertThat(f.resolvedAt()).isEqualTo(resolvedAt);
                assertThat(f.resolution()).isEqualTo("RESOLVED");
            });
        }
    }

    @Test
    void batchFindingsInPrivacyModeRoundTripWithoutValues() throws Exception {
        try (AuditStore store =
                AuditStore.open(postgres.connectionSpec(postgres.createUniqueDatabase("audit_batch")))) {
            store.recordMigration("m3", "");
            try (Connection c = store.connection();
                    Statement s = c.createStatement()) {
                s.execute("INSERT INTO driftguard.batch_runs (run_id, migration_id, started_at, status)"
                        + " VALUES ('run-1', 'm3', now(), 'running')");
            }
            Finding missing = Finding.builder()
                    .findingId("f-3")
                    .migrationId("m3")
                    .fromBatch("run-1")
                    .table(new TableId("Sales", "order lines"))
                    .key(RowKey.of(List.of("order_id", "line"), List.of("1001", "2")))
                    .kind(DriftKind.MISSING_ON_TARGET)
                    .firstSeen(T0)
                    .detectedAt(T0)
                    .build();
            Map<String, String> withNull = new HashMap<>();
            withNull.put("note", null);
            withNull.put("qty", "3");
            Finding extra = Finding.builder()
                    .findingId("f-4")
                    .migrationId("m3")
                    .fromBatch("run-1")
                    .table(new TableId("public", "t"))
                    .key(RowKey.of(List.of("z", "a"), List.of("9", "1")))
                    .kind(DriftKind.EXTRA_ON_TARGET)
                    .targetValues(withNull)
                    .firstSeen(T0)
                    .detectedAt(T0.plusMillis(5))
                    .build();
            store.upsertFindings(List.of(missing, extra));
            assertThat(store.findings("m3", false)).containsExactly(missing, extra);
            assertThat(store.finding("f-4").orElseThrow().key().columns()).containsExactly("z", "a");
            assertThat(store.finding("f-4").orElseThrow().targetValues()).containsEntry("note", null);
        }
    }

    @Test
    void aFindingIdReusedForAnotherKeyIsRejectedAndTheWholeBatchRolledBack() {
        try (AuditStore store =
                AuditStore.open(postgres.connectionSpec(postgres.createUniqueDatabase("audit_conflict")))) {
            store.upsertFinding(mismatch("f-5", "m4").build());
            Finding unrelated = mismatch("f-6", "m4").build();
            Finding clash = mismatch("f-5", "m4")
                    .key(RowKey.of(List.of("id"), List.of("other")))
                    .build();

            assertThatThrownBy(() -> store.upsertFindings(List.of(unrelated, clash)))
                    .isInstanceOf(AuditStoreException.class)
                    .hasMessageContaining("f-5");
            assertThat(store.findings("m4", false))
                    .extracting(Finding::findingId)
                    .containsExactly("f-5");

            Finding orphanRun = Finding.builder()
                    .findingId("f-7")
                    .migrationId("m4")
                    .fromBatch("no-such-run")
                    .table(new TableId("public", "t"))
                    .key(RowKey.of(List.of("id"), List.of("1")))
                    .kind(DriftKind.MISSING_ON_TARGET)
                    .firstSeen(T0)
                    .detectedAt(T0)
                    .build();
            assertThatThrownBy(() -> store.upsertFinding(orphanRun))
                    .isInstanceOf(DatabaseAccessException.class)
                    .satisfies(e ->
                            assertThat(((DatabaseAccessException) e).sqlState()).isEqualTo("23503"));
        }
    }

    private static Finding.Builder mismatch(String id, String migration) {
        return Finding.builder()
                .findingId(id)
                .migrationId(migration)
                .fromStream()
                .table(new TableId("public", "accounts"))
                .key(RowKey.of(List.of("id"), List.of("42")))
                .kind(DriftKind.VALUE_MISMATCH)
                .columns(List.of("balance"))
                .sourceValues(Map.of("balance", "10.5", "owner", "ann"))
                .targetValues(Map.of("balance", "10.25", "owner", "ann"))
                .sourcePosition(position(0x16B374D848L, 731L, T0.minusSeconds(2)))
                .targetPosition(position(0x2A0000L, null, T0.minusSeconds(1)))
                .firstSeen(T0)
                .detectedAt(T0.plusSeconds(10));
    }

    private static Position position(long lsn, Long txId, Instant commitTime) {
        return Position.newBuilder()
                .setLsn(lsn)
                .setTxId(txId)
                .setCommitTimeMicros(commitTime.truncatedTo(ChronoUnit.MICROS))
                .build();
    }

    private static long count(AuditStore store, String sql) throws Exception {
        try (Connection c = store.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> queryStrings(ConnectionSpec spec, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = spec.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
