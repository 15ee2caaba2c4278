package dev.driftguard.compare.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.compare.diff.Detected;
import dev.driftguard.row.RowKey;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentJsonTest {

    @Test
    void differencesSurviveTheirJsonForm() throws IOException {
        List<Detected> differences = List.of(
                new Detected(
                        4,
                        DifferenceKind.VALUE_MISMATCH,
                        RowKey.of(List.of("a", "b"), List.of("1", "x\"y")),
                        List.of("v"),
                        new Long[] {Long.MIN_VALUE, null},
                        new Long[] {Long.MAX_VALUE, 7L}),
                new Detected(
                        4,
                        DifferenceKind.EXTRA_ON_TARGET,
                        RowKey.of(List.of("a", "b"), List.of("2", "")),
                        List.of(),
                        null,
                        new Long[] {1L, 2L}));

        String json = SegmentJson.differences(differences);

        assertThat(json).contains("\"key\":[{\"column\":\"a\",\"value\":\"1\"}");
        assertThat(SegmentJson.differences(4, json)).isEqualTo(differences);
        assertThat(SegmentJson.differences(4, null)).isEmpty();
    }

    @Test
    void aSegmentBoundSurvivesItsJsonFormAndAnOpenEndStaysOpen() throws IOException {
        String json = SegmentJson.bound(List.of("region", "id"), List.of("eu", "42"));

        assertThat(json).isEqualTo("[{\"column\":\"region\",\"value\":\"eu\"},{\"column\":\"id\",\"value\":\"42\"}]");
        assertThat(SegmentJson.boundValues(json)).containsExactly("eu", "42");
        assertThat(SegmentJson.boundColumns(json)).containsExactly("region", "id");
        assertThat(SegmentJson.bound(List.of("id"), null)).isNull();
        assertThat(SegmentJson.boundValues(null)).isNull();
    }
}
