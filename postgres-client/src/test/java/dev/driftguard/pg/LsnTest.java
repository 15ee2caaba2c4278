package dev.driftguard.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {

    @Test
    void roundTripsAndOrdersUnsigned() {
        Lsn lsn = Lsn.parse("16/B374D848");

        assertThat(lsn.value()).isEqualTo(0x16B374D848L);
        assertThat(lsn).hasToString("16/B374D848");
        assertThat(Lsn.parse("FFFFFFFF/0")).isGreaterThan(Lsn.parse("1/0"));
        assertThat(Lsn.INVALID.isValid()).isFalse();
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> Lsn.parse("16B374D848")).hasMessageContaining("not an LSN: '16B374D848'");
        assertThatThrownBy(() -> Lsn.parse("1/G")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lsn.parse("100000000/0")).isInstanceOf(IllegalArgumentException.class);
    }
}
