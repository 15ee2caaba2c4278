package dev.driftguard.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CanonicalRowTest {

    @Test
    void encodedTextPrefixesLengthsInCodePointsAndMarksNulls() {
        CanonicalRow row = CanonicalRow.builder()
                .present("b", "12")
                .nullValue("c")
                .present("a", "")
                .present("d", "😀x")
                .build();
        assertThat(row.encodedText()).isEqualTo("0:2:12N2:😀x");
        assertThat(row.columnNames()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void encodedTextIsCollisionSafe() {
        CanonicalRow left =
                CanonicalRow.builder().present("a", "12").present("b", "3").build();
        CanonicalRow right =
                CanonicalRow.builder().present("a", "1").present("b", "23").build();
        assertThat(left.encodedText()).isNotEqualTo(right.encodedText());
        assertThat(left.hash()).isNotEqualTo(right.hash());
        CanonicalRow nullAndN =
                CanonicalRow.builder().nullValue("a").present("b", "N").build();
        CanonicalRow nAndNull =
                CanonicalRow.builder().present("a", "N").nullValue("b").build();
        assertThat(nullAndN.encodedText()).isNotEqualTo(nAndNull.encodedText());
        CanonicalRow digitsInText =
                CanonicalRow.builder().present("a", "1:x").present("b", "y").build();
        CanonicalRow digitsSplit =
                CanonicalRow.builder().present("a", "1").present("b", "x1:y").build();
        assertThat(digitsInText.encodedText()).isNotEqualTo(digitsSplit.encodedText());
    }

    @Test
    void nullDiffersFromEmptyText() {
        CanonicalRow withNull = CanonicalRow.builder().nullValue("a").build();
        CanonicalRow withEmpty = CanonicalRow.builder().present("a", "").build();
        assertThat(withNull.hash()).isNotEqualTo(withEmpty.hash());
        assertThat(withNull.differingColumns(withEmpty)).containsExactly("a");
        assertThat(CanonicalValue.NULL).isNotEqualTo(CanonicalValue.present(""));
    }

    @Test
    void hashIsTheFirst128BitsOfSha256OverUtf8EncodedText() throws Exception {
        CanonicalRow row = CanonicalRow.builder()
                .present("id", "7")
                .present("name", "żółw")
                .build();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("1:74:żółw".getBytes(StandardCharsets.UTF_8));
        assertThat(row.hash().toBytes()).isEqualTo(Arrays.copyOf(digest, 16));
    }

    @Test
    void unknownValuesMakeTheHashUndefinedButNeverDiffer() {
        CanonicalRow partial =
                CanonicalRow.builder().present("id", "1").unknown("doc").build();
        CanonicalRow full = CanonicalRow.builder()
                .present("id", "1")
                .present("doc", "big text")
                .build();
        assertThat(partial.hasUnknown()).isTrue();
        assertThatThrownBy(partial::encodedText)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"doc\"");
        assertThatThrownBy(partial::hash).isInstanceOf(IllegalStateException.class);
        assertThat(partial.differingColumns(full)).isEmpty();
        assertThat(full.differingColumns(partial)).isEmpty();
        CanonicalRow nullDoc =
                CanonicalRow.builder().present("id", "1").nullValue("doc").build();
        assertThat(partial.differingColumns(nullDoc)).isEmpty();
        assertThat(CanonicalValue.UNKNOWN.differsFrom(CanonicalValue.NULL)).isFalse();
    }

    @Test
    void differingColumnsListsChangedAndOneSidedColumnsInOrder() {
        CanonicalRow source = CanonicalRow.builder()
                .present("a", "1")
                .present("b", "x")
                .present("c", "same")
                .build();
        CanonicalRow target = CanonicalRow.builder()
                .present("a", "2")
                .present("c", "same")
                .present("d", "new")
                .build();
        assertThat(source.differingColumns(target)).containsExactly("a", "b", "d");
        assertThat(source.differingColumns(source)).isEmpty();
    }

    @Test
    void withUnknownFromFillsUnknownColumnsFromThePreviousVersion() {
        CanonicalRow previous =
                CanonicalRow.builder().present("id", "1").present("doc", "text").build();
        CanonicalRow update =
                CanonicalRow.builder().present("id", "1").unknown("doc").build();
        CanonicalRow merged = update.withUnknownFrom(previous);
        assertThat(merged.hasUnknown()).isFalse();
        assertThat(merged).isEqualTo(previous);
        assertThat(update.withUnknownFrom(CanonicalRow.builder().build()).hasUnknown())
                .isTrue();
    }

    @Test
    void builderRejectsAColumnSetTwice() {
        CanonicalRow.Builder builder = CanonicalRow.builder().present("a", "1");
        assertThatThrownBy(() -> builder.nullValue("a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"a\"");
    }

    @Test
    void canonicalValueStates() {
        assertThat(CanonicalValue.present("x").text()).isEqualTo("x");
        assertThat(CanonicalValue.NULL.isNull()).isTrue();
        assertThat(CanonicalValue.UNKNOWN.isUnknown()).isTrue();
        assertThat(CanonicalValue.UNKNOWN.isNull()).isFalse();
        assertThat(CanonicalValue.ofNullable(null)).isSameAs(CanonicalValue.NULL);
        assertThatThrownBy(CanonicalValue.NULL::text).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(CanonicalValue.UNKNOWN::text).hasMessageContaining("UNKNOWN");
        assertThat(CanonicalValue.present("a").differsFrom(CanonicalValue.present("a ")))
                .isTrue();
        assertThat(CanonicalValue.present("a").differsFrom(CanonicalValue.present("a")))
                .isFalse();
    }
}
