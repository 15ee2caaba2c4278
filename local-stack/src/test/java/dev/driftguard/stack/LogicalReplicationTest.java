package dev.driftguard.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogicalReplicationTest {

    @Test
    void namesAreValidSlotNamesEvenForOddDatabaseNames() {
        PostgresPair.LogicalReplication r =
                PostgresPair.LogicalReplication.forDatabase("Sales-DB \"eu\" " + "x".repeat(80));
        assertThat(r.slot()).matches("[a-z0-9_]{1,63}");
        assertThat(r.publication()).matches("[a-z0-9_]{1,63}");
        assertThat(r.subscription()).isEqualTo(r.slot());
    }

    @Test
    void databasesThatSanitizeAlikeStillGetDistinctNames() {
        assertThat(PostgresPair.LogicalReplication.forDatabase("a-b").slot())
                .isNotEqualTo(PostgresPair.LogicalReplication.forDatabase("a_b").slot());
        assertThat(PostgresPair.LogicalReplication.forDatabase("orders"))
                .isEqualTo(PostgresPair.LogicalReplication.forDatabase("orders"));
    }
}
