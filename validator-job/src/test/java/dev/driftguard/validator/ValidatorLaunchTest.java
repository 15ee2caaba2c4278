package dev.driftguard.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorLaunchTest {

    @Test
    void parsesEveryArgument() {
        ValidatorLaunch launch = ValidatorLaunch.parse(new String[] {
            "--migration",
            "m1",
            "--kafka",
            "k:9092",
            "--audit-db",
            "postgresql://a@h/db",
            "--tolerance",
            "3s",
            "--status-interval",
            "2s",
            "--lag-window",
            "1min",
            "--idle-key-retention",
            "10min",
            "--checkpoint-interval",
            "500ms",
            "--state-backend",
            "rocksdb",
            "--parallelism",
            "3",
            "--max-failed-checkpoints",
            "5",
            "--hash-only"
        });
        ValidatorOptions options = launch.options();
        assertThat(options.migration()).isEqualTo("m1");
        assertThat(options.tolerance()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.statusInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.lagWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.idleKeyRetention()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.parallelism()).isEqualTo(3);
        assertThat(options.maxFailedCheckpoints()).isEqualTo(5);
        assertThat(options.privacyMode()).isTrue();
        assertThat(launch.kafkaBootstrap()).isEqualTo("k:9092");
        assertThat(launch.auditDbUri()).contains("postgresql://a@h/db");
        assertThat(launch.flinkConfiguration().get(StateBackendOptions.STATE_BACKEND))
                .isEqualTo("rocksdb");
        assertThat(launch.flinkConfiguration().get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(MemorySize.ofMebiBytes(1024));
    }

    @Test
    void errorsNameTheArgument() {
        assertThatThrownBy(() -> ValidatorLaunch.parse(new String[] {"--kafka", "k:1"}))
                .hasMessageContaining("--migration is missing");
        assertThatThrownBy(() -> ValidatorLaunch.parse(new String[] {"--migration", "m"}))
                .hasMessageContaining("--kafka is missing");
        assertThatThrownBy(() -> ValidatorLaunch.parse(new String[] {"--migration", "m", "--tolerance", "soon"}))
                .hasMessageContaining("--tolerance 'soon' is not a duration");
        assertThatThrownBy(() -> ValidatorLaunch.parse(new String[] {"--migration", "m", "--colour", "red"}))
                .hasMessageContaining("unknown argument --colour");
        assertThatThrownBy(() -> ValidatorLaunch.parse(new String[] {"--migration"}))
                .hasMessageContaining("--migration needs a value");
        assertThatThrownBy(() -> ValidatorLaunch.parse(new String[] {"--migration", "m", "--state-backend", "x"}))
                .hasMessageContaining("invalid state backend 'x'");
    }

    @Test
    void theUsageShowsTheDefaultsTheOptionsHave() {
        ValidatorOptions defaults = ValidatorOptions.builder("m").build();
        assertThat(ValidatorLaunch.USAGE)
                .contains("[--tolerance 10s]")
                .contains("[--status-interval 10s]")
                .contains("[--checkpoint-interval 5s]")
                .contains("[--max-failed-checkpoints 3]");
        assertThat(defaults.statusInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.maxFailedCheckpoints()).isEqualTo(3);
    }

    @Test
    void aCheckpointDirectoryThatIsAFileIsRefusedBeforeTheJobStarts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("checkpoints"), "x");

        assertThatThrownBy(() -> new CheckpointDirectory(file).create())
                .hasMessageContaining("checkpoint directory " + file + " cannot be used")
                .hasMessageContaining("make it a writable directory, or give another --checkpoint-dir");
        assertThat(new CheckpointDirectory(file).problem())
                .contains("checkpoint directory " + file + " is not a directory (a file is in its place)");
    }

    @Test
    void withoutACheckpointDirectoryTheFlinkConfigurationDecides() {
        Configuration config = launch(null).flinkConfiguration();
        assertThat(config.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEmpty();
        assertThat(config.getOptional(StateRecoveryOptions.SAVEPOINT_PATH)).isEmpty();
    }

    @Test
    void aCheckpointDirectoryRetainsCheckpointsAndResumesFromTheNewestCompletedOne(@TempDir Path dir) throws Exception {
        assertThat(launch(dir).resumeFrom()).isEmpty();
        Path older = checkpoint(dir, "job-a", "chk-7", Instant.parse("2026-01-01T00:00:00Z"));
        Path newer = checkpoint(dir, "job-b", "chk-2", Instant.parse("2026-01-02T00:00:00Z"));
        Files.createDirectories(dir.resolve("job-b").resolve("chk-3"));

        Configuration config = launch(dir).flinkConfiguration();
        assertThat(config.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(dir.toUri().toString());
        assertThat(config.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(config.get(StateRecoveryOptions.SAVEPOINT_PATH))
                .isEqualTo(newer.toUri().toString());
        assertThat(older).exists();
    }

    private static ValidatorLaunch launch(Path checkpointDir) {
        return new ValidatorLaunch(
                ValidatorOptions.builder("m").build(),
                "k:9092",
                null,
                checkpointDir,
                ValidatorLaunch.StateBackend.HASHMAP);
    }

    private static Path checkpoint(Path dir, String job, String name, Instant completed) throws Exception {
        Path checkpoint = Files.createDirectories(dir.resolve(job).resolve(name));
        Path metadata = Files.writeString(checkpoint.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.from(completed));
        return checkpoint;
    }
}
