package dev.driftguard.compare.diff;

import dev.driftguard.compare.DifferenceCounts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * A table's differences as its segments report them: exact counts, and the details of at most {@code limit} of them
 * (the first by segment and key, whatever order segments finish in), so memory does not grow with the table.
 */
public final class DifferenceSink {

    static final Comparator<Detected> ORDER = Comparator.comparingInt(Detected::segment)
            .thenComparing(d -> d.key().encoded())
            .thenComparing(Detected::kind);

    private final int limit;
    private final TreeSet<Detected> kept = new TreeSet<>(ORDER);
    private DifferenceCounts counts = DifferenceCounts.NONE;

    public DifferenceSink(int limit) {
        this.limit = limit;
    }

    public synchronized void add(List<Detected> details, DifferenceCounts segmentCounts) {
        counts = counts.plus(segmentCounts);
        for (Detected d : details) {
            kept.add(d);
            if (kept.size() > limit) {
                kept.pollLast();
            }
        }
    }

    public synchronized List<Detected> kept() {
        return new ArrayList<>(kept);
    }

    public synchronized DifferenceCounts counts() {
        return counts;
    }
}
