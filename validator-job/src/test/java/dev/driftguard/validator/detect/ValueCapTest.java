package dev.driftguard.validator.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueCapTest {

    @Test
    void aValueOfExactlyTheCapIsKeptInFullAndOneByteMoreIsCut() {
        assertThat(ValueCap.exceeds("a".repeat(ValueCap.KEPT_BYTES))).isFalse();
        assertThat(ValueCap.exceeds("a".repeat(ValueCap.KEPT_BYTES + 1))).isTrue();
        assertThat(ValueCap.exceeds("é".repeat(ValueCap.KEPT_BYTES / 2))).isFalse();
        assertThat(ValueCap.exceeds("é".repeat(ValueCap.KEPT_BYTES / 2) + "a")).isTrue();
    }

    @Test
    void thePrefixEndsOnACharacterAndHasAtMostTheCapInUtf8Bytes() {
        String emoji = "\uD83D\uDE00"; // 4 UTF-8 bytes, two chars
        String text = "a" + emoji.repeat(ValueCap.KEPT_BYTES);

        String prefix = ValueCap.prefix(text);

        assertThat(prefix.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ValueCap.KEPT_BYTES);
        assertThat(prefix).isEqualTo("a" + emoji.repeat((ValueCap.KEPT_BYTES - 1) / 4));
        assertThat(ValueCap.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }
}
