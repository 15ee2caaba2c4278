package dev.driftguard.compare.segment;

import dev.driftguard.compare.sql.KeyRange;
import java.util.Objects;

/**
 * A planned key-range segment of a table: the unit of parallelism, progress and resume. It is checksummed in
 * {@code 2^bucketBits} hash buckets of its key, in one scan per side.
 */
public record Segment(int number, KeyRange range, int bucketBits) {

    public Segment {
        Objects.requireNonNull(range, "range");
        if (bucketBits < 0 || bucketBits > SegmentPlanner.MAX_BUCKET_BITS) {
            throw new IllegalArgumentException(
                    "bucket bits must be 0.." + SegmentPlanner.MAX_BUCKET_BITS + ", got " + bucketBits);
        }
    }
}
