package dev.driftguard.compare.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.compare.DifferenceCounts;
import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.row.RowKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DifferenceSinkTest {

    private static Detected missing(int segment, String id) {
        return new Detected(
                segment,
                DifferenceKind.MISSING_ON_TARGET,
                RowKey.of(List.of("id"), List.of(id)),
                List.of(),
                new Long[0],
                null);
    }

    @Test
    void keepsTheFirstBySegmentAndKeyWhateverTheArrivalOrderAndCountsAll() {
        List<List<Detected>> segments = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            segments.add(List.of(missing(s, "a" + s), missing(s, "b" + s)));
        }
        List<List<Detected>> shuffled = new ArrayList<>(segments);
        Collections.shuffle(shuffled, new java.util.Random(1));
        DifferenceSink sink = new DifferenceSink(3);
        for (List<Detected> s : shuffled) {
            sink.add(s, new DifferenceCounts(2, 0, 0));
        }

        assertThat(sink.kept()).extracting(d -> d.key().values().get(0)).containsExactly("a0", "b0", "a1");
        assertThat(sink.counts()).isEqualTo(new DifferenceCounts(10, 0, 0));
    }
}
