package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import dev.driftguard.validator.KafkaTopics;
import dev.driftguard.validator.TestChanges;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftguard validate} from the packaged jar (Flink's MiniCluster inside the fat jar) over topics filled with
 * capture-format records, then {@code driftguard drifts} on the audit store it wrote.
 */
@ExtendWith(LocalStackExtension.class)
class ValidateCommandITCase {

    @Test
    void validateReportsTheDriftAndDriftsListsIt(LocalKafka kafka, LocalPostgres postgres, @TempDir Path work)
            throws Exception {
        String migration = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String auditDb = postgres.uri(postgres.createUniqueDatabase("cli_validate"));
        TestChanges src = TestChanges.of(migration, Side.SOURCE, false);
        TestChanges tgt = TestChanges.of(migration, Side.TARGET, false);
        List<RowChange> changes = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            changes.add(src.insert(id, 100 + id, "id", Integer.toString(id), "status", "new"));
            changes.add(tgt.insert(id, 100 + id, "id", Integer.toString(id), "status", id == 7 ? "broken" : "new"));
        }
        new KafkaTopics(kafka, migration, 2).send(changes);

        String output;
        try (CliProcess validate = CliProcess.validate(
                work,
                "validate",
                migration,
                kafka.bootstrapServers(),
                auditDb,
                "--tolerance",
                "1s",
                "--checkpoint-interval",
                "1s",
                "--status-interval",
                "1s",
                "--checkpoint-dir",
                work.resolve("checkpoints").toString(),
                "--for",
                "20s")) {
            assertThat(validate.awaitExit(Duration.ofSeconds(120)))
                    .as("stops by itself after --for with exit code 0")
                    .isZero();
            output = validate.out();
        }
        assertThat(output).contains("events source 20 target 20").contains("open drifts 1");

        CliRun drifts = CliRun.of("drifts", "--migration", migration, "--audit-db", auditDb, "--json");
        assertThat(drifts.exitCode()).as("an open finding").isEqualTo(ExitCodes.DIFFERENCES);
        JsonNode findings = new ObjectMapper().readTree(drifts.out()).get("findings");
        assertThat(findings).hasSize(1);
        JsonNode finding = findings.get(0);
        assertThat(finding.get("kind").asText()).isEqualTo("VALUE_MISMATCH");
        assertThat(finding.get("table").asText()).isEqualTo("public.orders");
        assertThat(finding.get("key").get("id").asText()).isEqualTo("7");
        assertThat(finding.get("columns").get(0).asText()).isEqualTo("status");
        assertThat(finding.get("source").get("status").asText()).isEqualTo("new");
        assertThat(finding.get("target").get("status").asText()).isEqualTo("broken");
        assertThat(finding.get("origin").asText()).isEqualTo("stream");
        assertThat(finding.get("resolvedAt").isNull()).isTrue();

        CliRun table = CliRun.of("drifts", "--migration", migration, "--audit-db", auditDb, "--open");
        assertThat(table.out()).contains("public.orders", "VALUE_MISMATCH", "id=7", "status", "1 finding(s), 1 open");
    }
}
