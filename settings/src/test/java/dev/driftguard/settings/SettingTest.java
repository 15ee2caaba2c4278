package dev.driftguard.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingTest {

    enum Backend {
        HASHMAP,
        ROCKSDB
    }

    private static final Setting<Duration> TOLERANCE = Setting.duration("tolerance")
            .description("How long the sides may disagree.")
            .defaultValue("10s")
            .atLeast(Duration.ofMillis(1))
            .build();
    private static final Setting<String> MIGRATION = Setting.text("migration", "ID")
            .description("The migration id.")
            .required()
            .build();
    private static final Setting<Backend> BACKEND = Setting.choice("state-backend", Backend.class)
            .description("State.")
            .defaultValue("hashmap")
            .build();
    private static final Setting<Boolean> HASH_ONLY =
            Setting.flag("hash-only").description("Hashes only.").build();
    private static final Setting<String> SCHEMA =
            Setting.text("schema", "S").description("A schema.").repeatable().build();

    @Test
    void helpAndUsageShowTheDeclaredDefault() {
        assertThat(TOLERANCE.help()).isEqualTo("How long the sides may disagree (default: 10s).");
        assertThat(SettingArgs.usage(List.of(MIGRATION, TOLERANCE, BACKEND, HASH_ONLY, SCHEMA)))
                .isEqualTo("--migration ID [--tolerance 10s] [--state-backend hashmap] [--hash-only] [--schema S]...");
    }

    @Test
    void aSettingNotGivenReadsAsItsDefault() {
        Settings settings =
                SettingArgs.parse(new String[] {"--migration", "m1"}, List.of(MIGRATION, TOLERANCE, BACKEND));
        assertThat(settings.get(TOLERANCE)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.get(BACKEND)).isEqualTo(Backend.HASHMAP);
        assertThat(settings.get(HASH_ONLY)).isFalse();
        assertThat(settings.find(TOLERANCE)).isEmpty();
    }

    @Test
    void givenValuesAreParsedAndRepeatableOnesKeptInOrder() {
        Settings settings = SettingArgs.parse(
                new String[] {
                    "--migration", "m1", "--tolerance", "1m30s", "--hash-only", "--schema", "a", "--schema", "b"
                },
                List.of(MIGRATION, TOLERANCE, HASH_ONLY, SCHEMA));
        assertThat(settings.get(TOLERANCE)).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.get(HASH_ONLY)).isTrue();
        assertThat(settings.all(SCHEMA)).containsExactly("a", "b");
    }

    @Test
    void aBadValueIsRefusedNamingTheOptionTheValueAndHowToWriteIt() {
        assertThatThrownBy(() -> TOLERANCE.parse("10x"))
                .hasMessageContaining("--tolerance '10x'")
                .hasMessageContaining("write e.g. 500ms");
        assertThatThrownBy(() -> BACKEND.parse("memory")).hasMessageContaining("is not one of hashmap|rocksdb");
    }

    @Test
    void aValueBelowTheMinimumIsRefusedNamingTheSettingAndTheMinimum() {
        assertThatThrownBy(() -> Settings.builder().set(TOLERANCE, Duration.ZERO))
                .hasMessage("tolerance (--tolerance) must be at least 1ms, got 0ms");
    }

    @Test
    void aMissingRequiredSettingOrAnUnknownArgumentIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> SettingArgs.parse(new String[] {}, List.of(MIGRATION, TOLERANCE)))
                .hasMessageStartingWith("--migration is missing; usage: --migration ID");
        assertThatThrownBy(
                        () -> SettingArgs.parse(new String[] {"--migration", "m", "--nope", "1"}, List.of(MIGRATION)))
                .hasMessageStartingWith("unknown argument --nope; usage:");
        assertThatThrownBy(() -> Settings.builder().build().get(MIGRATION))
                .hasMessageContaining("--migration is missing");
    }

    @Test
    void aDeclarationWhoseDefaultFailsItsOwnCheckIsRefused() {
        assertThatThrownBy(() -> Setting.integer("threads")
                        .description("Threads.")
                        .defaultValue("0")
                        .atLeast(1)
                        .build())
                .hasMessageContaining("threads (--threads) must be at least 1, got 0");
    }

    @Test
    void durationsAreWrittenTheWayTheyAreRead() {
        for (String text : List.of("500ms", "10s", "5m", "1h30m", "2d", "1m0s1ms")) {
            Duration d = Durations.parse(text);
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5min");
        assertThat(Durations.parse("5min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
        for (String bad : List.of("", "10", "s", "-5s", "10 s", "5x")) {
            assertThatThrownBy(() -> Durations.parse(bad)).hasMessageContaining("is not a duration");
        }
    }
}
