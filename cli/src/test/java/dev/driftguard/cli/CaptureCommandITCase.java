package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.RowChange;
import dev.driftguard.row.RowChangeCodec;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import dev.driftguard.stack.junit.SqlValues;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The capture commands: prepare, connect-config and cleanup in-process, capture itself as the packaged jar. */
@ExtendWith(LocalStackExtension.class)
class CaptureCommandITCase {

    private static final Path JAR = Path.of("target", "driftguard.jar");

    @Test
    void prepareConnectConfigAndCleanup(LocalPostgres pg) throws Exception {
        String db = pg.createUniqueDatabase("cli_capture");
        pg.execute(db, "CREATE TABLE keyed (id int PRIMARY KEY)", "CREATE TABLE keyless (v int)");
        String uri = pg.uri(db);

        CliRun prepare = CliRun.of(
                "capture", "prepare", "--migration", "cli-1", "--side", "source", "--db", uri, "--schema", "public");
        assertThat(prepare.exitCode()).as(prepare.err()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(prepare.out())
                .contains("publication dg_cli_1_source created")
                .contains("replication slot dg_cli_1_source created")
                .contains("public.keyless: NOT captured")
                .contains("no primary key")
                .contains("public.keyed: captured")
                .contains("--set-replica-identity-full");

        CliRun config = CliRun.of(
                "capture",
                "connect-config",
                "--migration",
                "cli-1",
                "--side",
                "source",
                "--db",
                uri,
                "--tables",
                "keyed");
        assertThat(config.exitCode()).as(config.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(config.out());
        assertThat(json.get("name").asText()).isEqualTo("driftguard-cli-1-source");
        assertThat(json.get("slot.name").asText()).isEqualTo("dg_cli_1_source");
        assertThat(json.get("table.include.list").asText()).isEqualTo("public\\.keyed");
        assertThat(json.get("transforms.driftguard.type").asText())
                .isEqualTo("dev.driftguard.capture.connect.CanonicalRowChange");
        assertThat(json.get("value.converter").asText()).endsWith("ByteArrayConverter");
        assertThat(json.has("database.password"))
                .as("trust auth: no password reference")
                .isFalse();

        CliRun missing = CliRun.of("capture", "prepare", "--side", "source", "--db", uri, "--tables", "keyed");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(missing.err()).contains("--migration");

        CliRun cleanup = CliRun.of("capture", "cleanup", "--migration", "cli-1", "--side", "source", "--db", uri);
        assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
        assertThat(cleanup.out())
                .contains("replication slot dg_cli_1_source dropped")
                .contains("publication dg_cli_1_source dropped");
        assertThat(SqlValues.firstLong(
                        pg, db, "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'dg_cli_1%'"))
                .isZero();
    }

    @Test
    void theConnectConfigCarriesTheKafkaClientPropertiesAsProducerOverridesWithSecretsAsReferences(
            LocalPostgres pg, @TempDir Path dir) throws Exception {
        String db = pg.createUniqueDatabase("cli_connect_kafka");
        pg.execute(db, "CREATE TABLE keyed (id int PRIMARY KEY)");
        Path kafkaConfig = Files.writeString(
                dir.resolve("kafka.properties"),
                "security.protocol=SASL_SSL\nsasl.jaas.config=x password=\"${env:CONNECT_KAFKA_PASSWORD}\";\n");
        Path inClear = Files.writeString(dir.resolve("clear.properties"), "sasl.jaas.config=x password=\"pw1\";\n");
        String[] base = {
            "capture",
            "connect-config",
            "--migration",
            "cli-2",
            "--side",
            "source",
            "--db",
            pg.uri(db),
            "--tables",
            "keyed"
        };

        CliRun refused = CliRun.of(append(base, "--kafka-config", inClear.toString()));
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(refused.err()).contains("holds a secret in clear").doesNotContain("pw1");
        assertThat(SqlValues.firstLong(
                        pg, db, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'dg_cli_2_source'"))
                .as("refused before the database was prepared")
                .isZero();

        // The variable need not be set here: the reference is kept for the worker to resolve.
        CliRun config = CliRun.of(append(base, "--kafka-config", kafkaConfig.toString()));
        assertThat(config.exitCode()).as(config.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(config.out());
        assertThat(json.get("producer.override.security.protocol").asText()).isEqualTo("SASL_SSL");
        assertThat(json.get("producer.override.sasl.jaas.config").asText())
                .isEqualTo("x password=\"${env:CONNECT_KAFKA_PASSWORD}\";");
    }

    private static String[] append(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void captureRunsAsTheCommandAndStopsOnSigterm(LocalPostgres pg, LocalKafka kafka) throws Exception {
        assertThat(JAR).as("the cli jar is built in the package phase").exists();
        String db = pg.createUniqueDatabase("cli_run");
        pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a')");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process capture = new ProcessBuilder(
                        java,
                        "-jar",
                        JAR.toString(),
                        "capture",
                        "--migration",
                        "cli-run",
                        "--side",
                        "target",
                        "--db",
                        pg.uri(db),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--tables",
                        "t")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(capture.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("capture ended before it started").isNotNull();
            } while (!line.startsWith("capturing into topic driftguard.cli-run.target"));
            pg.execute(db, "INSERT INTO t VALUES (2, 'b')");
            List<RowChange> changes = read(kafka.bootstrapServers(), "driftguard.cli-run.target", 2);
            assertThat(changes).extracting(RowChange::getOp).containsExactly(Op.SNAPSHOT, Op.INSERT);

            capture.destroy();
            assertThat(capture.waitFor(60, TimeUnit.SECONDS))
                    .as("stops on SIGTERM")
                    .isTrue();
            // a JVM ended by SIGTERM exits 128 + 15 once its shutdown hooks (here: the graceful capture stop) ran
            assertThat(capture.exitValue()).isEqualTo(143);
        } finally {
            capture.destroyForcibly();
        }
        assertThat(
                        SqlValues.firstLong(
                                pg,
                                db,
                                "SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'dg_cli_run_target' AND NOT active"))
                .as("the slot stays for the next start")
                .isEqualTo(1);
    }

    private static List<RowChange> read(String bootstrap, String topic, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<RowChange> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (out.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(RowChangeCodec.decodeValue(r.value()));
                }
            }
        }
        return out;
    }
}
