package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import dev.driftguard.stack.junit.SqlValues;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture that cannot start leaves the database as it found it: no replication slot (which would pin WAL) and no
 * publication; the message names what failed and how to fix it.
 */
@ExtendWith(LocalStackExtension.class)
class CaptureFailedStartITCase {

    private static final String SLOTS = "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'dg_failed_%'";
    private static final String PUBLICATIONS = "SELECT count(*) FROM pg_publication WHERE pubname LIKE 'dg_failed_%'";

    @Test
    void anUnreachableKafkaFailsBeforeTheDatabaseIsTouched(LocalPostgres pg) throws Exception {
        String db = pg.createUniqueDatabase("failed_kafka");
        pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");

        CliRun run = CliRun.of(capture("failed-kafka", pg.uri(db), "--kafka", "127.0.0.1:1"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(run.out()).contains("checking Kafka at 127.0.0.1:1");
        assertThat(run.err()).contains("Kafka 127.0.0.1:1", "check --kafka").doesNotContain(": null");
        assertNothingLeft(pg, db);
    }

    @Test
    void anOffsetsFileInAMissingDirectoryFailsBeforeTheDatabaseIsTouched(
            LocalPostgres pg, LocalKafka kafka, @TempDir Path dir) throws Exception {
        String db = pg.createUniqueDatabase("failed_offsets");
        pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        Path offsets = dir.resolve("no-such-dir").resolve("offsets.dat");

        CliRun run = CliRun.of(capture(
                "failed-offsets", pg.uri(db), "--kafka", kafka.bootstrapServers(), "--offsets", "file:" + offsets));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(run.err()).contains("--offsets file:" + offsets, "does not exist or is not writable");
        assertNothingLeft(pg, db);
    }

    @Test
    void anEngineThatFailsAfterPreparingDropsTheSlotAndPublicationItCreated(
            LocalPostgres pg, LocalKafka kafka, @TempDir Path dir) throws Exception {
        String db = pg.createUniqueDatabase("failed_engine");
        pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        Path offsets = Files.writeString(dir.resolve("offsets.dat"), "not an offsets file");

        CliRun run = CliRun.of(capture(
                "failed-engine", pg.uri(db), "--kafka", kafka.bootstrapServers(), "--offsets", "file:" + offsets));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(run.err()).contains("this run created were dropped");
        assertNothingLeft(pg, db);
    }

    private static String[] capture(String migration, String uri, String... more) {
        String[] base = {"capture", "--migration", migration, "--side", "source", "--db", uri, "--tables", "t"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return args;
    }

    private static void assertNothingLeft(LocalPostgres pg, String db) throws Exception {
        assertThat(SqlValues.firstLong(pg, db, SLOTS))
                .as("replication slots left")
                .isZero();
        assertThat(SqlValues.firstLong(pg, db, PUBLICATIONS))
                .as("publications left")
                .isZero();
    }
}
