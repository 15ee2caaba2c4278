package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tables as wide as PostgreSQL allows (1600 columns) are diffed, not failed on a query's target-list limit. */
@ExtendWith(LocalStackExtension.class)
class WideTableITCase {

    private static final String WIDE = "CREATE TABLE wide (id int PRIMARY KEY, "
            + IntStream.rangeClosed(1, 1599).mapToObj(i -> "c" + i + " int").collect(Collectors.joining(", "))
            + ")";

    @Test
    void aTableOf1600ColumnsWithOneDifferingRowIsDiffedToItsColumn(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "wide");
        pair.onBoth(WIDE, "INSERT INTO wide (id, c1, c800, c1599) SELECT g, g, g, g FROM generate_series(1, 50) g");
        pair.onTarget("UPDATE wide SET c1500 = 7, c1599 = NULL WHERE id = 3", "DELETE FROM wide WHERE id = 4");

        CompareResult result = pair.compare(o -> o.recheckRounds(1).recheckDelay(java.time.Duration.ofMillis(10)));

        TableResult wide = ComparePair.table(result, "public.wide");
        assertThat(wide.status()).as(wide.reason()).isEqualTo(TableStatus.DIFFERENT);
        assertThat(wide.differences())
                .extracting(d -> d.kind() + " " + d.key().values() + " " + d.columns())
                .containsExactlyInAnyOrder("VALUE_MISMATCH [3] [c1500, c1599]", "MISSING_ON_TARGET [4] []");
        assertThat(wide.differences())
                .filteredOn(d -> d.kind() == DifferenceKind.VALUE_MISMATCH)
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.source()).containsEntry("c1500", null).containsEntry("c1599", "3");
                    assertThat(d.target()).containsEntry("c1500", "7").containsEntry("c1599", null);
                });
        assertThat(wide.differences())
                .filteredOn(d -> d.kind() == DifferenceKind.MISSING_ON_TARGET)
                .singleElement()
                .satisfies(d -> assertThat(d.source()).hasSize(1600).containsEntry("c800", "4"));
    }
}
