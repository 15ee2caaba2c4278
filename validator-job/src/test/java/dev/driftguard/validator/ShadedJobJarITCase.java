package dev.driftguard.validator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar run like {@code flink run}: in a JVM that has only what a Flink distribution provides (the
 * validator's {@code provided} dependencies and lib/'s logging and commons jars), the client side runs the jar's main
 * class to build the job, which a MiniCluster runs with the jar as its user code. It must find a drift: so the jar
 * carries everything the job needs beyond Flink, and nothing that clashes with it.
 */
@ExtendWith(LocalStackExtension.class)
class ShadedJobJarITCase {

    private static final Path JAR = Path.of("target", "driftguard-validator.jar");
    private static final Path FLINK_CLASSPATH = Path.of("target", "flink-provided.classpath");
    private static final Path LIBRARIES_CLASSPATH = Path.of("target", "flink-dist-libraries.classpath");

    @Test
    void theShadedJarRunsLikeFlinkRunAndReportsADrift(LocalKafka kafka, @TempDir Path work) throws Exception {
        assertThat(JAR).as("the shaded jar is built in the package phase").exists();
        String migration = "jar-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics topics = new KafkaTopics(kafka, migration, 2);
        TestChanges src = TestChanges.of(migration, Side.SOURCE, false);
        TestChanges tgt = TestChanges.of(migration, Side.TARGET, false);
        List<RowChange> changes = new ArrayList<>();
        for (int id = 1; id <= 10; id++) {
            changes.add(src.insert(id, id, "id", Integer.toString(id), "v", "a"));
            changes.add(tgt.insert(id, id, "id", Integer.toString(id), "v", id == 3 ? "b" : "a"));
        }
        topics.send(changes);

        Path log = work.resolve("flink-run.log");
        Process flinkRun = flinkRun(
                log,
                "execution.checkpointing.dir=" + work.resolve("checkpoints").toUri(),
                JAR.toString(),
                "--migration",
                migration,
                "--kafka",
                kafka.bootstrapServers(),
                "--tolerance",
                "1s",
                "--checkpoint-interval",
                "1s",
                "--status-interval",
                "1s",
                "--parallelism",
                "2");
        try {
            List<DriftEvent> drifts = topics.awaitDrifts(events -> !events.isEmpty(), Duration.ofSeconds(90));
            assertThat(Files.readString(log)).contains("submitted ");
            assertThat(drifts).hasSize(1);
            assertThat(drifts.get(0).getKind()).isEqualTo(DriftKind.VALUE_MISMATCH);
            assertThat(drifts.get(0).getColumns()).containsExactly("v");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nflink run output:\n" + Files.readString(log), e);
        } finally {
            flinkRun.destroyForcibly();
            flinkRun.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theShadedJarRefusesAClusterWithoutDurableCheckpointStorage(LocalKafka kafka, @TempDir Path work)
            throws Exception {
        Path log = work.resolve("flink-run.log");
        Process flinkRun =
                flinkRun(log, JAR.toString(), "--migration", "jar-no-storage", "--kafka", kafka.bootstrapServers());
        try {
            assertThat(flinkRun.waitFor(90, TimeUnit.SECONDS))
                    .as("refused at once")
                    .isTrue();
            assertThat(flinkRun.exitValue()).isNotZero();
            assertThat(Files.readString(log))
                    .contains("the validator needs durable checkpoint storage, and execution.checkpointing.dir is"
                            + " not set")
                    .doesNotContain("submitted ");
        } finally {
            flinkRun.destroyForcibly();
            flinkRun.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** {@code flink run}: the cluster's configuration entries ({@code key=value}), the jar, the job's arguments. */
    private static Process flinkRun(Path log, String... args) throws Exception {
        String classpath = String.join(
                File.pathSeparator,
                Files.readString(FLINK_CLASSPATH).trim(),
                Files.readString(LIBRARIES_CLASSPATH).trim(),
                Path.of("target", "test-classes").toString());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-cp",
                classpath,
                FlinkRunLauncher.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
