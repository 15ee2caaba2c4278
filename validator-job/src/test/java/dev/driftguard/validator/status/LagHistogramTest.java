package dev.driftguard.validator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LagHistogramTest {

    @Test
    void smallValuesAreExact() {
        LagHistogram histogram = new LagHistogram();
        for (long v = 0; v < 16; v++) {
            histogram.record(v);
        }
        assertThat(histogram.quantile(0.5)).isEqualTo(7);
        assertThat(histogram.quantile(1.0)).isEqualTo(15);
        assertThat(histogram.max()).isEqualTo(15);
        assertThat(histogram.count()).isEqualTo(16);
    }

    @Test
    void largeValuesAreWithinOneSixteenthAboveTheTruth() {
        for (long value : new long[] {17, 100, 1_000, 12_345, 999_999, 86_400_000L, LagHistogram.MAX_VALUE}) {
            LagHistogram histogram = new LagHistogram();
            histogram.record(value);
            histogram.record(0);
            long p99 = histogram.quantile(0.99);
            assertThat(p99).as("p99 of %d", value).isEqualTo(value);
            LagHistogram coarse = new LagHistogram();
            coarse.record(value);
            coarse.record(value + 1_000_000_000L);
            assertThat(coarse.quantile(0.5)).as("p50 of %d", value).isBetween(value, value + value / 16);
        }
    }

    @Test
    void everyValueFallsIntoTheBucketThatBoundsIt() {
        for (long value = 0; value < 5_000_000; value = value * 3 / 2 + 1) {
            int bucket = LagHistogram.bucketOf(value);
            assertThat(LagHistogram.lowerBound(bucket)).isLessThanOrEqualTo(value);
            assertThat(LagHistogram.upperBound(bucket)).isGreaterThanOrEqualTo(value);
        }
    }

    @Test
    void percentilesOfAUniformSpread() {
        LagHistogram histogram = new LagHistogram();
        for (long v = 1; v <= 1000; v++) {
            histogram.record(v);
        }
        assertThat(histogram.quantile(0.5)).isBetween(500L, 500L + 500 / 16);
        assertThat(histogram.quantile(0.99)).isBetween(990L, 1000L);
        assertThat(histogram.max()).isEqualTo(1000);
    }

    @Test
    void negativeLagFromClockSkewCountsAsZero() {
        LagHistogram histogram = new LagHistogram();
        histogram.record(-250);
        assertThat(histogram.max()).isZero();
        assertThat(histogram.quantile(0.5)).isZero();
    }

    @Test
    void mergingSparseAndDenseFormsKeepsCountsAndMaximum() {
        LagHistogram a = new LagHistogram();
        a.record(5);
        a.record(300);
        LagHistogram b = new LagHistogram();
        b.addSparse(a.nonEmptyBuckets(), a.nonEmptyCounts(), a.max());
        long[] dense = new long[2 + LagHistogram.BUCKETS];
        dense[2 + LagHistogram.bucketOf(7_000)] = 3;
        b.addCounts(dense, 2, 7_000);
        LagHistogram merged = new LagHistogram();
        merged.merge(b);

        assertThat(merged.count()).isEqualTo(5);
        assertThat(merged.max()).isEqualTo(7_000);
        assertThat(merged.quantile(0.2)).isEqualTo(5);
        merged.clear();
        assertThat(merged.isEmpty()).isTrue();
        assertThat(merged.quantile(0.5)).isEqualTo(-1);
    }

    @Test
    void aQuantileOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new LagHistogram().quantile(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }
}
