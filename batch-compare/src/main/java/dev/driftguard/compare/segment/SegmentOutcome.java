package dev.driftguard.compare.segment;

import dev.driftguard.compare.DifferenceCounts;
import dev.driftguard.compare.diff.Detected;
import java.math.BigInteger;
import java.util.List;

/**
 * What comparing one segment found: each side's row count and checksum, the differences by kind and the details of at
 * most the per-table limit of them.
 */
public record SegmentOutcome(
        Segment segment,
        long sourceRows,
        long targetRows,
        BigInteger sourceChecksum,
        BigInteger targetChecksum,
        DifferenceCounts counts,
        List<Detected> differences) {

    public SegmentOutcome {
        differences = List.copyOf(differences);
    }

    public boolean matched() {
        return counts.total() == 0 && sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
    }
}
