package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    @Test
    void capturesExitCodeAndCombinedOutput() {
        CommandRunner.Result result = CommandRunner.run(
                List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Path.of("/"), Map.of(), Duration.ofSeconds(10));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.output()).contains("out", "err");
        assertThatThrownBy(() -> result.orThrow("the probe"))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("the probe failed (exit 3)")
                .hasMessageContaining("err");
    }

    @Test
    void libpqVariablesOfTheCallerDoNotLeakIntoTools() {
        CommandRunner.Result result = CommandRunner.run(
                List.of("sh", "-c", "echo \"[$PGPORT][$DG_MARK]\""),
                Path.of("/"),
                Map.of("DG_MARK", "set"),
                Duration.ofSeconds(10));
        assertThat(result.output().strip()).isEqualTo("[][set]");
    }

    @Test
    void aHangingCommandIsKilledAtTheTimeout() {
        assertThatThrownBy(
                        () -> CommandRunner.run(List.of("sleep", "30"), Path.of("/"), Map.of(), Duration.ofMillis(300)))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("timed out");
    }
}
