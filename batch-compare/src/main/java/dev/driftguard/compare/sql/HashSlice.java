package dev.driftguard.compare.sql;

/**
 * The rows of a key range whose key hash has {@code value} in its low {@code bits} bits. {@code bits = 0} is every
 * row. A slice is split into {@code 2^k} buckets by the next {@code k} bits of the key hash.
 */
public record HashSlice(int bits, long value) {

    public static final HashSlice ALL = new HashSlice(0, 0);

    /** 62 usable bits keep every mask a positive bigint. */
    public static final int MAX_BITS = 62;

    public HashSlice {
        if (bits < 0 || bits > MAX_BITS) {
            throw new IllegalArgumentException("hash slice bits must be 0.." + MAX_BITS + ", got " + bits);
        }
        if (value < 0 || (bits < 63 && value >= (1L << bits))) {
            throw new IllegalArgumentException("hash slice value " + value + " does not fit in " + bits + " bits");
        }
    }

    public long mask() {
        return (1L << bits) - 1;
    }

    /** Bucket {@code bucket} of this slice split by the next {@code bucketBits} bits. */
    public HashSlice child(int bucketBits, long bucket) {
        return new HashSlice(bits + bucketBits, value | (bucket << bits));
    }
}
