package dev.driftguard.compare.segment;

import java.math.BigInteger;

/** A bucket's row count and sum of row hashes on one side. */
record BucketSum(long rows, BigInteger sum) {
    static final BucketSum EMPTY = new BucketSum(0, BigInteger.ZERO);
}
