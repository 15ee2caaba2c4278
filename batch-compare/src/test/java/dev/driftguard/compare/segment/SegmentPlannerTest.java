package dev.driftguard.compare.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.compare.sql.HashSlice;
import org.junit.jupiter.api.Test;

class SegmentPlannerTest {

    @Test
    void bucketBitsGiveBucketsOfAboutTheWantedSize() {
        assertThat(SegmentPlanner.bucketBits(0, 500, 16)).isZero();
        assertThat(SegmentPlanner.bucketBits(500, 500, 16)).isZero();
        assertThat(SegmentPlanner.bucketBits(501, 500, 16)).isEqualTo(1);
        assertThat(SegmentPlanner.bucketBits(100_000, 500, 16)).isEqualTo(8);
        assertThat(SegmentPlanner.bucketBits(5_000_000_000L, 500, 16)).isEqualTo(16);
        assertThat(SegmentPlanner.bucketBits(100_000, 500, 3)).isEqualTo(3);
    }

    @Test
    void slicesNestByLowBits() {
        HashSlice child = HashSlice.ALL.child(8, 5).child(4, 3);
        assertThat(child.bits()).isEqualTo(12);
        assertThat(child.value()).isEqualTo(5 | (3 << 8));
        assertThat(child.mask()).isEqualTo(0xFFF);
        assertThatThrownBy(() -> new HashSlice(4, 16)).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> new HashSlice(63, 0)).hasMessageContaining("0..62");
    }
}
