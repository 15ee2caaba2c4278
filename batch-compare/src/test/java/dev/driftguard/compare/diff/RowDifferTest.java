package dev.driftguard.compare.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.row.RowKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowDifferTest {

    private static final List<String> COLUMNS = List.of("a", "b", "id");

    private static FetchedRow row(String id, Long a, Long b) {
        return new FetchedRow(RowKey.of(List.of("id"), List.of(id)), new Long[] {a, b, (long) id.hashCode()}, null);
    }

    @Test
    void joinsByKeyWhateverTheOrder() {
        List<Detected> d = RowDiffer.diff(
                3,
                List.of(row("1", 1L, 2L), row("2", 1L, 2L), row("3", 1L, null), row("4", 5L, 5L)),
                List.of(row("4", 5L, 6L), row("3", 1L, 7L), row("1", 1L, 2L), row("9", 0L, 0L)),
                COLUMNS);

        assertThat(d)
                .extracting(x -> x.kind() + " " + x.key().values() + " " + x.columns() + " " + x.segment())
                .containsExactlyInAnyOrder(
                        "VALUE_MISMATCH [4] [b] 3",
                        "VALUE_MISMATCH [3] [b] 3",
                        "EXTRA_ON_TARGET [9] [] 3",
                        "MISSING_ON_TARGET [2] [] 3");
        Detected extra = d.stream()
                .filter(x -> x.key().values().equals(List.of("9")))
                .findFirst()
                .orElseThrow();
        assertThat(extra.sourceHashes()).isNull();
        assertThat(extra.targetHashes()).isNotNull();
    }

    @Test
    void nullDiffersFromEveryValue() {
        assertThat(RowDiffer.differingColumns(new Long[] {null, 1L, 2L}, new Long[] {0L, 1L, 2L}, COLUMNS))
                .containsExactly("a");
        assertThat(RowDiffer.differingColumns(new Long[] {null, null, 2L}, new Long[] {null, null, 2L}, COLUMNS))
                .isEmpty();
    }

    @Test
    void duplicateKeysPairUpOneByOne() {
        List<Detected> d = RowDiffer.diff(
                0, List.of(row("1", 1L, 1L), row("1", 1L, 1L), row("1", 1L, 1L)), List.of(row("1", 1L, 1L)), COLUMNS);

        assertThat(d).extracting(x -> x.kind().name()).containsExactly("MISSING_ON_TARGET", "MISSING_ON_TARGET");
    }

    @Test
    void fingerprintsChangeWithAnyHashAndAbsence() {
        Detected a = new Detected(
                0,
                dev.driftguard.compare.DifferenceKind.VALUE_MISMATCH,
                RowKey.of(List.of("id"), List.of("1")),
                List.of("a"),
                new Long[] {1L},
                new Long[] {2L});
        Detected b = new Detected(
                0,
                dev.driftguard.compare.DifferenceKind.VALUE_MISMATCH,
                RowKey.of(List.of("id"), List.of("1")),
                List.of("a"),
                new Long[] {1L},
                new Long[] {3L});
        Detected c = new Detected(
                0,
                dev.driftguard.compare.DifferenceKind.MISSING_ON_TARGET,
                RowKey.of(List.of("id"), List.of("1")),
                List.of(),
                new Long[] {1L},
                null);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        assertThat(Fingerprints.of(new Long[] {null})).isNotEqualTo(Fingerprints.of(new Long[] {0L}));
    }
}
