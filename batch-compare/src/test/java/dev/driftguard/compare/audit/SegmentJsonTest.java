package dev.driftguard.compare.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.compare.DifferenceKind;
import dev.driftguard.compare.diff.Detected;
import dev.driftguard.row.RowKey;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareAuditTest {

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

        String json = CompareAudit.differencesJson(differences);

        assertThat(json).contains("\"key\":[{\"column\":\"a\",\"value\":\"1\"}");
        assertThat(CompareAudit.differences(4, json)).isEqualTo(differences);
        assertThat(CompareAudit.differences(4, null)).isEmpty();
    }
}
