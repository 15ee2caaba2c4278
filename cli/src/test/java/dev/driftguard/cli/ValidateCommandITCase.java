package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.Position;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.row.CanonicalRow;
import dev.driftguard.row.RowChangeCodec;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.RowKey;
import dev.driftguard.row.TableId;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftguard validate} from the packaged jar (Flink's MiniCluster inside the fat jar) over topics filled with
 * capture-format records, then {@code driftguard drifts} on the audit store it wrote.
 */
@ExtendWith(LocalStackExtension.class)
class ValidateCommandITCase {

    private static final Path JAR = Path.of("target", "driftguard.jar");
    private static final TableId ORDERS = new TableId("public", "orders");

    @Test
    void validateReportsTheDriftAndDriftsListsIt(LocalKafka kafka, LocalPostgres postgres, @TempDir Path work)
            throws Exception {
        assertThat(JAR).as("the cli jar is built in the package phase").exists();
        String migration = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        String auditDb = postgres.uri(postgres.createUniqueDatabase("cli_validate"));
        List<RowChange> changes = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            changes.add(insert(migration, Side.SOURCE, id, "new"));
            changes.add(insert(migration, Side.TARGET, id, id == 7 ? "broken" : "new"));
        }
        send(kafka, migration, changes);

        Path log = work.resolve("validate.out");
        // A private copy: the shared jar may be rebuilt by another build while this test runs.
        Path jar = Files.copy(JAR, work.resolve("driftguard.jar"));
        Process validate = new ProcessBuilder(
                        javaBin(),
                        "-jar",
                        jar.toString(),
                        "validate",
                        "--migration",
                        migration,
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--audit-db",
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
                        "20s")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean stopped;
        try {
            stopped = validate.waitFor(120, TimeUnit.SECONDS);
        } finally {
            validate.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(stopped)
                .as("stops by itself after --for; output:%n%s", output)
                .isTrue();
        assertThat(validate.exitValue()).as(output).isZero();
        assertThat(output).contains("events source 20 target 20").contains("open drifts 1");

        Run drifts = run("drifts", "--migration", migration, "--audit-db", auditDb, "--json");
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

        Run table = run("drifts", "--migration", migration, "--audit-db", auditDb, "--open");
        assertThat(table.out()).contains("public.orders", "VALUE_MISMATCH", "id=7", "status", "1 finding(s), 1 open");
    }

    private record Run(int exitCode, String out) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var commandLine = DriftguardCommand.newCommandLine();
        commandLine.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8));
    }

    private static RowChange insert(String migration, Side side, int id, String status) {
        RowChangeFactory factory = new RowChangeFactory(migration, side, false);
        long lsn = 100 + id;
        Instant commit = Instant.now();
        CanonicalRow row = CanonicalRow.builder()
                .present("id", Integer.toString(id))
                .present("status", status)
                .build();
        Position position = Position.newBuilder()
                .setLsn(lsn)
                .setTxId(null)
                .setCommitTimeMicros(commit)
                .build();
        return factory.create(
                ORDERS, RowKey.of(List.of("id"), List.of(Integer.toString(id))), Op.INSERT, row, position, commit);
    }

    private static void send(LocalKafka kafka, String migration, List<RowChange> changes) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (RowChange change : changes) {
                String topic = "driftguard." + migration + "."
                        + change.getSide().name().toLowerCase(Locale.ROOT);
                byte[] key = RowChangeCodec.encodeKey(ORDERS, RowChangeFactory.rowKey(change.getKey()));
                producer.send(new ProducerRecord<>(topic, key, RowChangeCodec.encodeValue(change)));
            }
            producer.flush();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
