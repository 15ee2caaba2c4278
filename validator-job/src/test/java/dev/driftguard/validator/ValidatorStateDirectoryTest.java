package dev.driftguard.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ValidatorStateDirectoryTest {

    @Test
    void checkpointsGoUnderDotDriftguardInTheHomeDirectoryByDefault() {
        assertThat(ValidatorStateDirectory.checkpointsOf("m-1", null, "/home/ana"))
                .isEqualTo(Path.of("/home/ana/.driftguard/validator/m-1/checkpoints"));
    }

    @Test
    void theEnvironmentVariableMovesTheStateDirectory() {
        assertThat(ValidatorStateDirectory.checkpointsOf("m-1", "/var/lib/driftguard", "/home/ana"))
                .isEqualTo(Path.of("/var/lib/driftguard/validator/m-1/checkpoints"));
        assertThat(ValidatorStateDirectory.checkpointsOf("m-1", " ", "/home/ana"))
                .as("blank counts as unset")
                .isEqualTo(Path.of("/home/ana/.driftguard/validator/m-1/checkpoints"));
    }
}
