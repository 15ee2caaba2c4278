package dev.driftguard.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.Side;
import dev.driftguard.capture.engine.CaptureFailedException;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.prepare.CaptureCleaner;
import dev.driftguard.capture.prepare.CapturePrepareException;
import dev.driftguard.capture.prepare.CapturePreparer;
import dev.driftguard.capture.prepare.PrepareReport;
import dev.driftguard.capture.prepare.TableStatus;
import dev.driftguard.row.ColumnRef;
import dev.driftguard.row.TableId;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.LocalPostgresOptions;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class PrepareAndCleanupITCase {

    @Test
    void prepareIsIdempotentAndRefusesAnotherMigrationsNames(LocalPostgres pg) {
        String db = pg.createUniqueDatabase("prepare");
        pg.execute(db, "CREATE TABLE a (id int PRIMARY KEY)", "CREATE TABLE b (id int PRIMARY KEY)");
        CaptureSettings first = CaptureFixture.settings("orders-1", Side.SOURCE, pg.connectionSpec(db), "a");
        PrepareReport created = new CapturePreparer(first, false).prepare();
        assertThat(created.publicationCreated()).isTrue();
        assertThat(created.slotCreated()).isTrue();
        assertThat(created.slot()).isEqualTo("dg_orders_1_source");

        CaptureSettings widened = CaptureFixture.settings("orders-1", Side.SOURCE, pg.connectionSpec(db), "a", "b");
        PrepareReport again = new CapturePreparer(widened, false).prepare();
        assertThat(again.publicationCreated()).isFalse();
        assertThat(again.slotCreated()).isFalse();
        assertThat(publicationTables(pg, db, "dg_orders_1_source")).containsExactly("public.a", "public.b");

        CaptureSettings collision = CaptureFixture.settings("orders_1", Side.SOURCE, pg.connectionSpec(db), "a");
        assertThatThrownBy(() -> new CapturePreparer(collision, false).prepare())
                .isInstanceOf(CapturePrepareException.class)
                .hasMessageContaining("dg_orders_1_source")
                .hasMessageContaining("driftguard migration=orders-1 side=source")
                .hasMessageContaining("choose another id");
    }

    @Test
    void tablesWithoutPrimaryKeyAreReportedAndLeftOut(LocalPostgres pg) {
        String db = pg.createUniqueDatabase("prepare_keys");
        pg.execute(
                db,
                "CREATE SCHEMA app",
                "CREATE TABLE app.keyed (id int PRIMARY KEY, doc text)",
                "CREATE TABLE app.keyless (v int)",
                "CREATE TABLE app.nothing (id int PRIMARY KEY)",
                "ALTER TABLE app.nothing REPLICA IDENTITY NOTHING");
        CaptureSettings settings = CaptureSettings.builder("keys", Side.TARGET, pg.connectionSpec(db))
                .tables(TableSelection.schema("app"))
                .build();
        PrepareReport report = new CapturePreparer(settings, false).prepare();
        assertThat(report.capturedTables()).containsExactly(TableId.parse("app.keyed"));
        assertThat(report.notCaptured())
                .extracting(TableStatus::table)
                .containsExactlyInAnyOrder(TableId.parse("app.keyless"), TableId.parse("app.nothing"));
        assertThat(report.notCaptured())
                .filteredOn(t -> t.table().name().equals("keyless"))
                .singleElement()
                .satisfies(
                        t -> assertThat(t.notes()).anySatisfy(n -> assertThat(n).contains("no primary key")));
        assertThat(report.withoutReplicaIdentityFull()).singleElement().satisfies(t -> assertThat(
                        t.notes().get(0))
                .contains("--set-replica-identity-full")
                .contains("UNKNOWN"));
        assertThat(publicationTables(pg, db, "dg_keys_target")).containsExactly("app.keyed");
        // updates on the keyless table still work on the source: it is not published
        pg.execute(db, "INSERT INTO app.keyless VALUES (1)", "UPDATE app.keyless SET v = 2");
    }

    @Test
    void unsupportedColumnTypesFailPrepareUnlessExcluded(LocalPostgres pg) {
        String db = pg.createUniqueDatabase("prepare_types");
        pg.execute(db, "CREATE TABLE docs (id int PRIMARY KEY, words tsvector)");
        CaptureSettings settings = CaptureFixture.settings("types-check", Side.SOURCE, pg.connectionSpec(db), "docs");
        assertThatThrownBy(() -> new CapturePreparer(settings, false).prepare())
                .isInstanceOf(CapturePrepareException.class)
                .hasMessageContaining("public.docs")
                .hasMessageContaining("\"words\"")
                .hasMessageContaining("tsvector")
                .hasMessageContaining("--exclude-columns");
        CaptureSettings excluded = CaptureSettings.builder("types-check", Side.SOURCE, pg.connectionSpec(db))
                .tables(settings.tables())
                .excludedColumns(List.of(ColumnRef.parse("public.docs.words")))
                .build();
        assertThat(new CapturePreparer(excluded, false).prepare().capturedTables())
                .hasSize(1);
    }

    @Test
    void walLevelReplicaIsRefusedWithTheFix() {
        try (LocalPostgres replicaLevel = LocalPostgres.start(LocalPostgresOptions.builder()
                .name("walreplica")
                .setting("wal_level", "replica")
                .build())) {
            String db = replicaLevel.createUniqueDatabase("wal");
            replicaLevel.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
            CaptureSettings settings =
                    CaptureFixture.settings("wal", Side.SOURCE, replicaLevel.connectionSpec(db), "t");
            assertThatThrownBy(() -> new CapturePreparer(settings, false).prepare())
                    .isInstanceOf(CapturePrepareException.class)
                    .hasMessageContaining("wal_level is 'replica'")
                    .hasMessageContaining("ALTER SYSTEM SET wal_level = logical")
                    .hasMessageContaining("rds.logical_replication");
        }
    }

    @Test
    void cleanupDropsOnlyThatMigrationsSlotAndPublication(LocalPostgres pg, LocalKafka kafka) throws Exception {
        String db = pg.createUniqueDatabase("cleanup");
        pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        CaptureSettings mine = CaptureFixture.settings("mine", Side.SOURCE, pg.connectionSpec(db), "t");
        CaptureSettings other = CaptureFixture.settings("other", Side.SOURCE, pg.connectionSpec(db), "t");
        new CapturePreparer(other, false).prepare();
        try (EmbeddedCapture running = CaptureFixture.startStreaming(mine, kafka.bootstrapServers())) {
            assertThat(running.isRunning()).isTrue();
            CaptureCleaner.Result result = new CaptureCleaner(mine.names(), mine.database()).cleanup();
            assertThat(result.slotDropped()).isTrue();
            assertThat(result.publicationDropped()).isTrue();
            assertThat(result.terminatedPid())
                    .as("the running capture's WAL sender")
                    .isNotNull();
            // the capture loses its WAL sender and stops; it must not re-create the slot
            assertThatThrownBy(() -> running.awaitTermination(Duration.ofSeconds(60)))
                    .isInstanceOf(CaptureFailedException.class);
        }
        assertThat(slots(pg, db)).containsExactly("dg_other_source");
        assertThat(publications(pg, db)).containsExactly("dg_other_source");

        CaptureCleaner.Result nothingLeft = new CaptureCleaner(mine.names(), mine.database()).cleanup();
        assertThat(nothingLeft.slotDropped()).isFalse();
        assertThat(nothingLeft.publicationDropped()).isFalse();
    }

    private static List<String> slots(LocalPostgres pg, String db) {
        return strings(pg, db, "SELECT slot_name FROM pg_replication_slots WHERE database = ? ORDER BY 1", db);
    }

    private static List<String> publications(LocalPostgres pg, String db) {
        return strings(pg, db, "SELECT pubname FROM pg_publication WHERE ? <> '' ORDER BY 1", db);
    }

    private static List<String> publicationTables(LocalPostgres pg, String db, String publication) {
        return strings(
                pg,
                db,
                "SELECT schemaname || '.' || tablename FROM pg_publication_tables WHERE pubname = ? ORDER BY 1",
                publication);
    }

    private static List<String> strings(LocalPostgres pg, String db, String sql, String parameter) {
        try (Connection c = pg.connect(db);
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
