package dev.driftguard.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.Side;
import dev.driftguard.row.TableId;
import org.junit.jupiter.api.Test;

class CaptureNamesTest {

    @Test
    void derivesEveryNameFromMigrationAndSide() {
        CaptureNames names = new CaptureNames("Orders-2024.eu", Side.TARGET);
        assertThat(names.slotName()).isEqualTo("dg_orders_2024_eu_target");
        assertThat(names.publicationName()).isEqualTo("dg_orders_2024_eu_target");
        assertThat(names.topic()).isEqualTo("driftguard.Orders-2024.eu.target");
        assertThat(names.offsetsTopic()).isEqualTo("driftguard.Orders-2024.eu.target.offsets");
        assertThat(names.connectorName()).isEqualTo("driftguard-Orders-2024.eu-target");
        assertThat(names.ownerComment()).isEqualTo("driftguard migration=Orders-2024.eu side=target");
    }

    @Test
    void idsThatCollideInPostgresKeepDistinctOwnerComments() {
        CaptureNames a = new CaptureNames("a-b", Side.SOURCE);
        CaptureNames b = new CaptureNames("a_b", Side.SOURCE);
        assertThat(a.slotName()).isEqualTo(b.slotName());
        assertThat(a.ownerComment()).isNotEqualTo(b.ownerComment());
    }

    @Test
    void rejectsInvalidAndTooLongIds() {
        assertThatThrownBy(() -> new CaptureNames("bad id", Side.SOURCE))
                .hasMessageContaining("invalid migration id 'bad id'");
        assertThatThrownBy(() -> new CaptureNames("-x", Side.SOURCE)).hasMessageContaining("starting with a letter");
        assertThatThrownBy(() -> new CaptureNames(null, Side.SOURCE)).hasMessageContaining("invalid migration id");
        String fits = "m".repeat(53);
        assertThat(new CaptureNames(fits, Side.TARGET).slotName()).hasSize(63);
        assertThatThrownBy(() -> new CaptureNames(fits + "m", Side.SOURCE))
                .hasMessageContaining("too long")
                .hasMessageContaining("at most 53 characters");
    }

    @Test
    void parsesSides() {
        assertThat(CaptureNames.parseSide("Source")).isEqualTo(Side.SOURCE);
        assertThat(CaptureNames.parseSide(" target ")).isEqualTo(Side.TARGET);
        assertThatThrownBy(() -> CaptureNames.parseSide("left"))
                .hasMessage("invalid side 'left': use source or target");
    }

    @Test
    void tableSelectionNeedsExactlyOneForm() {
        assertThat(TableSelection.parseTables("public.a, \"Sales\".\"x,y\" ,b").tables())
                .containsExactly(TableId.parse("public.a"), new TableId("Sales", "x,y"), TableId.parse("b"));
        assertThat(TableSelection.schema("app").isSchema()).isTrue();
        assertThatThrownBy(() -> TableSelection.parseTables(" , ")).hasMessageContaining("names no table");
        assertThatThrownBy(() -> new TableSelection(java.util.List.of(TableId.parse("a")), "app"))
                .hasMessageContaining("exactly one");
    }

    @Test
    void snapshotModes() {
        assertThat(SnapshotMode.parse("no_data")).isEqualTo(SnapshotMode.NO_DATA);
        assertThat(SnapshotMode.parse("INITIAL").debeziumValue()).isEqualTo("initial");
        assertThatThrownBy(() -> SnapshotMode.parse("never")).hasMessageContaining("use initial or no_data");
    }
}
