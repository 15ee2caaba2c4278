package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture and validate against a broker that requires SASL/PLAIN (as MSK or Confluent Cloud require SASL), configured
 * only through {@code --kafka-config}: every Kafka client they make (admin, producers, the offset store, the job's
 * sources and sinks, the status reader) authenticates.
 */
@ExtendWith(LocalStackExtension.class)
class KafkaConfigITCase {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void captureAndValidateWorkThroughASaslListenerConfiguredOnlyByTheClientPropertiesFile(
            LocalPostgres pg, @TempDir Path work) throws Exception {
        String source = pg.createUniqueDatabase("sasl_src");
        String target = pg.createUniqueDatabase("sasl_tgt");
        for (String db : new String[] {source, target}) {
            pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        }
        Path config = Files.writeString(
                work.resolve("kafka.properties"),
                "security.protocol=SASL_PLAINTEXT\n"
                        + "sasl.mechanism=PLAIN\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"driftguard\" password=\"s3cret-sasl\";\n");
        try (LocalKafka kafka = LocalKafka.startWithSaslPlain("driftguard", "s3cret-sasl");
                CliProcess captureSource = capture(work, "source", pg.uri(source), kafka, config);
                CliProcess captureTarget = capture(work, "target", pg.uri(target), kafka, config)) {
            captureSource.awaitOut(out -> out.contains("capturing into topic"), WAIT);
            captureTarget.awaitOut(out -> out.contains("capturing into topic"), WAIT);
            try (CliProcess validate = CliProcess.start(
                    work,
                    "validate",
                    "validate",
                    "--migration",
                    "sasl",
                    "--kafka",
                    kafka.saslBootstrapServers(),
                    "--kafka-config",
                    config.toString(),
                    "--checkpoint-dir",
                    work.resolve("checkpoints").toString(),
                    "--tolerance",
                    "2s",
                    "--status-interval",
                    "1s",
                    "--checkpoint-interval",
                    "1s")) {
                validate.awaitOut(out -> out.contains("events source 2 target 2"), WAIT);
                pg.execute(source, "INSERT INTO t VALUES (3, 'only on the source')");
                String out = validate.awaitOut(text -> text.contains("open drifts 1"), WAIT);
                assertThat(out).doesNotContain("s3cret");
                assertThat(captureSource.transcript() + captureTarget.transcript() + validate.transcript())
                        .as("the password never shows")
                        .doesNotContain("s3cret-sasl");
            }
        }
    }

    private static CliProcess capture(Path work, String side, String uri, LocalKafka kafka, Path config)
            throws Exception {
        return CliProcess.start(
                work,
                "capture-" + side,
                "capture",
                "--migration",
                "sasl",
                "--side",
                side,
                "--db",
                uri,
                "--tables",
                "public.t",
                "--kafka",
                kafka.saslBootstrapServers(),
                "--kafka-config",
                config.toString());
    }
}
