package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriftguardCommandTest {

    @Test
    void aRunOfOneSubcommandBuildsOnlyThatOne() {
        assertThat(DriftguardCommand.newCommandLine("compare").getSubcommands()).containsOnlyKeys("compare");
    }

    @Test
    void helpUnknownWordsAndNoArgumentsGetEverySubcommand() {
        int all = DriftguardCommand.newCommandLine().getSubcommands().size();
        assertThat(all).isGreaterThan(5);
        assertThat(DriftguardCommand.newCommandLine("help").getSubcommands()).hasSize(all);
        assertThat(DriftguardCommand.newCommandLine("--help").getSubcommands()).hasSize(all);
        assertThat(DriftguardCommand.newCommandLine("comp").getSubcommands()).hasSize(all);
        assertThat(DriftguardCommand.newCommandLine(null).getSubcommands()).hasSize(all);
    }
}
