package dev.driftguard.compare.diff;

/** 64-bit digests of column-hash arrays, to notice that a row changed between observations. */
final class Fingerprints {

    /** The digest of an absent row. */
    static final long ABSENT = 0x9E3779B97F4A7C15L;

    private Fingerprints() {}

    static long of(Long[] hashes) {
        if (hashes == null) {
            return ABSENT;
        }
        long h = 0xCBF29CE484222325L;
        for (Long value : hashes) {
            long v = value == null ? 0x2545F4914F6CDD1DL : value;
            h = (h ^ v) * 0x100000001B3L;
            h ^= h >>> 29;
        }
        return h;
    }

    /** The digest of a (source, target) pair of observations. */
    static long pair(Long[] source, Long[] target) {
        return of(source) * 31 + of(target);
    }
}
