package dev.driftguard.validator.status;

import java.util.Arrays;

/**
 * A mergeable histogram of non-negative millisecond values with logarithmic buckets: values below 16 are exact, above
 * that every power of two is split into 16 buckets, so a reported quantile is at most 1/16 (6.25 %) above the true
 * value. The maximum is tracked exactly. Values above {@link #MAX_VALUE} (about 35 years) are clamped.
 */
public final class LagHistogram {

    static final int SUB_BUCKET_BITS = 4;
    static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    static final int MAX_EXPONENT = 40;
    public static final long MAX_VALUE = (1L << MAX_EXPONENT) - 1;
    public static final int BUCKETS = SUB_BUCKETS + (MAX_EXPONENT - SUB_BUCKET_BITS) * SUB_BUCKETS;

    private final long[] counts;
    private long total;
    private long max = -1;

    public LagHistogram() {
        this.counts = new long[BUCKETS];
    }

    /** Records one value; negative values (clock skew between the two databases) count as 0. */
    public void record(long millis) {
        long value = Math.min(Math.max(millis, 0), MAX_VALUE);
        counts[bucketOf(value)]++;
        total++;
        max = Math.max(max, value);
    }

    public void merge(LagHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    /** Adds sparse bucket counts as produced by {@link #nonEmptyBuckets()} / {@link #nonEmptyCounts()}. */
    public void addSparse(int[] buckets, long[] bucketCounts, long maxValue) {
        if (buckets.length != bucketCounts.length) {
            throw new IllegalArgumentException(
                    "sparse histogram has " + buckets.length + " buckets but " + bucketCounts.length + " counts");
        }
        for (int i = 0; i < buckets.length; i++) {
            counts[buckets[i]] += bucketCounts[i];
            total += bucketCounts[i];
        }
        if (buckets.length > 0) {
            max = Math.max(max, maxValue);
        }
    }

    /** Adds dense bucket counts stored in {@code array} from {@code offset} on ({@link #BUCKETS} entries). */
    public void addCounts(long[] array, int offset, long maxValue) {
        boolean any = false;
        for (int i = 0; i < BUCKETS; i++) {
            long c = array[offset + i];
            if (c != 0) {
                counts[i] += c;
                total += c;
                any = true;
            }
        }
        if (any) {
            max = Math.max(max, maxValue);
        }
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public long count() {
        return total;
    }

    /** The exact maximum recorded value, or -1 when empty. */
    public long max() {
        return max;
    }

    /**
     * The smallest bucket upper bound below which at least {@code quantile} of the values fall (never above the exact
     * maximum), or -1 when empty.
     */
    public long quantile(double quantile) {
        if (quantile < 0 || quantile > 1) {
            throw new IllegalArgumentException("quantile must be within [0, 1], got " + quantile);
        }
        if (total == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    public int[] nonEmptyBuckets() {
        int[] out = new int[nonEmptyBucketCount()];
        int n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                out[n++] = i;
            }
        }
        return out;
    }

    public long[] nonEmptyCounts() {
        long[] out = new long[nonEmptyBucketCount()];
        int n = 0;
        for (long c : counts) {
            if (c != 0) {
                out[n++] = c;
            }
        }
        return out;
    }

    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
        max = -1;
    }

    private int nonEmptyBucketCount() {
        int n = 0;
        for (long c : counts) {
            if (c != 0) {
                n++;
            }
        }
        return n;
    }

    static int bucketOf(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) ((value >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1));
        return SUB_BUCKETS + (exponent - SUB_BUCKET_BITS) * SUB_BUCKETS + sub;
    }

    static long lowerBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = (bucket - SUB_BUCKETS) / SUB_BUCKETS + SUB_BUCKET_BITS;
        int sub = (bucket - SUB_BUCKETS) % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub)) << (exponent - SUB_BUCKET_BITS);
    }

    static long upperBound(int bucket) {
        return bucket + 1 < BUCKETS ? lowerBound(bucket + 1) - 1 : MAX_VALUE;
    }
}
