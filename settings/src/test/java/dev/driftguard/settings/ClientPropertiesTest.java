package dev.driftguard.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientPropertiesTest {

    @Test
    void environmentReferencesAreResolvedAndSecretsNeverShown(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("kafka.properties"),
                "security.protocol=SASL_SSL\nsasl.jaas.config=x password=\"${env:KAFKA_PASSWORD}\";\n");

        ClientProperties properties = ClientProperties.load(file, Map.of("KAFKA_PASSWORD", "hunter2")::get);

        assertThat(properties.asMap())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "x password=\"hunter2\";");
        assertThat(properties.toString()).contains("SASL_SSL").doesNotContain("hunter2");
    }

    @Test
    void anUnsetVariableOrBootstrapServersInTheFileIsRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        Path unset = Files.writeString(dir.resolve("a.properties"), "ssl.key.password=${env:NOPE}\n");
        Path bootstrap = Files.writeString(dir.resolve("b.properties"), "bootstrap.servers=h:1\n");

        assertThatThrownBy(() -> ClientProperties.load(unset, name -> null).asMap())
                .hasMessageContaining("ssl.key.password refers to ${env:NOPE}, which is not set; export NOPE");
        assertThatThrownBy(() -> ClientProperties.load(bootstrap, name -> null))
                .hasMessageContaining("give the servers with --kafka");
        assertThatThrownBy(() -> ClientProperties.load(dir.resolve("missing"), name -> null))
                .hasMessageContaining("does not exist: give the path of a Kafka client properties file");
    }

    @Test
    void aConfigurationForAnotherProcessKeepsTheReferencesAndRefusesSecretsInClear(@TempDir Path dir) throws Exception {
        Path referenced = Files.writeString(
                dir.resolve("a.properties"), "security.protocol=SASL_SSL\nsasl.jaas.config=x p=\"${env:PW}\";\n");
        Path clear = Files.writeString(dir.resolve("b.properties"), "sasl.jaas.config=x p=\"hunter2\";\n");

        assertThat(ClientProperties.load(referenced, Map.of("PW", "hunter2")::get)
                        .asReferences())
                .containsEntry("sasl.jaas.config", "x p=\"${env:PW}\";")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThatThrownBy(() -> ClientProperties.load(clear, name -> null).asReferences())
                .hasMessageContaining("sasl.jaas.config holds a secret in clear; write it as ${env:NAME}")
                .hasMessageNotContaining("hunter2");
    }
}
