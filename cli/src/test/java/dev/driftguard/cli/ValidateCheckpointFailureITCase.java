package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.stack.FileTrees;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import dev.driftguard.validator.CheckpointDirectory;
import dev.driftguard.validator.KafkaTopics;
import dev.driftguard.validator.TestChanges;
import dev.driftguard.validator.ValidatorOptions;
import dev.driftguard.validator.ValidatorStateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator whose checkpoint storage fails (its default checkpoint directory replaced by a file while it runs) says
 * so within one status interval, on its status line and in the audit store, and stops with exit code 2 after
 * {@code --max-failed-checkpoints} (default 3) failures in a row, naming the path and the fix.
 */
@ExtendWith(LocalStackExtension.class)
class ValidateCheckpointFailureITCase {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void failingCheckpointsShowAsDegradedThenStopTheValidatorWithExitCode2(
            LocalKafka kafka, LocalPostgres postgres, @TempDir Path work) throws Exception {
        String migration = "ckfail-" + UUID.randomUUID().toString().substring(0, 8);
        Path checkpoints = ValidatorStateDirectory.checkpointsOf(migration);
        String auditDb = postgres.uri(postgres.createUniqueDatabase("ckfail_audit"));
        KafkaTopics topics = new KafkaTopics(kafka, migration, 2);
        sendSomeChanges(topics, migration);
        try (CliProcess validate =
                CliProcess.validate(work, "validate", migration, kafka.bootstrapServers(), auditDb)) {
            awaitCompletedCheckpoint(checkpoints, validate);
            FileTrees.deleteRecursively(checkpoints);
            Files.writeString(checkpoints, "not a directory");
            long replacedAt = System.nanoTime();

            // The next checkpoint fails (within one checkpoint interval); its failure shows within a status interval.
            Duration bound = ValidatorOptions.CHECKPOINT_INTERVAL
                    .defaultValue()
                    .plus(ValidatorOptions.STATUS_INTERVAL.defaultValue())
                    .plusSeconds(3);
            String recorded = awaitHealthOtherThanHealthy(auditDb, migration, validate);
            assertThat(Duration.ofNanos(System.nanoTime() - replacedAt))
                    .as("recorded in the audit store within one status interval of the failure")
                    .isLessThanOrEqualTo(bound);
            assertThat(recorded).startsWith("degraded|").contains(checkpoints + " is not a directory");
            String degraded = validate.awaitOut(out -> out.contains("DEGRADED"), WAIT);
            assertThat(Duration.ofNanos(System.nanoTime() - replacedAt))
                    .as("shown on the status line within one status interval of the failure")
                    .isLessThanOrEqualTo(bound);
            assertThat(degraded).contains(checkpoints + " is not a directory");

            assertThat(validate.awaitExit(WAIT)).as(validate.transcript()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
            assertThat(validate.err())
                    .contains("3 checkpoints failed in a row")
                    .contains(checkpoints + " is not a directory")
                    .contains("make that a writable directory")
                    .doesNotContain("\tat ");
            assertThat(healthRow(auditDb, migration)).startsWith("failed|").contains("checkpoints failed in a row");
        } finally {
            FileTrees.deleteRecursively(checkpoints.getParent());
        }
    }

    private static void sendSomeChanges(KafkaTopics topics, String migration) {
        TestChanges src = TestChanges.of(migration, Side.SOURCE, false);
        TestChanges tgt = TestChanges.of(migration, Side.TARGET, false);
        List<RowChange> changes = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            changes.add(src.insert(id, id, "id", Integer.toString(id), "v", "a"));
            changes.add(tgt.insert(id, id, "id", Integer.toString(id), "v", "a"));
        }
        topics.send(changes);
    }

    private static void awaitCompletedCheckpoint(Path checkpoints, CliProcess validate) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (new CheckpointDirectory(checkpoints).latestCompleted().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint completed in " + checkpoints + "\n" + validate.transcript());
            }
            Thread.sleep(200);
        }
    }

    private static String awaitHealthOtherThanHealthy(String auditDb, String migration, CliProcess validate)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String row = healthRow(auditDb, migration);
            if (!row.startsWith("healthy|")) {
                return row;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still healthy after " + WAIT + "\n" + validate.transcript());
            }
            Thread.sleep(100);
        }
    }

    /** {@code health|reason} of the migration's validator_health row. */
    private static String healthRow(String auditDb, String migration) throws Exception {
        try (Connection c = ConnectionSpec.parse(auditDb).connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT health, reason FROM driftguard.validator_health WHERE migration_id = ?")) {
            ps.setString(1, migration);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a validator_health row").isTrue();
                return rs.getString(1) + "|" + rs.getString(2);
            }
        }
    }
}
