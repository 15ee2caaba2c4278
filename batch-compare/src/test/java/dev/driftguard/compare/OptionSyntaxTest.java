package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptionSyntaxTest {

    @Test
    void findsSeparatorsOutsideIdentifiersAndStrings() {
        assertThat(OptionSyntax.indexOutsideQuotes("\"a:b\":c", ':')).isEqualTo(5);
        assertThat(OptionSyntax.indexOutsideQuotes("v = 'x;y' AND \"s;t\" > 1", ';'))
                .isEqualTo(-1);
        assertThat(OptionSyntax.indexOutsideQuotes("true; DELETE", ';')).isEqualTo(4);
        assertThat(OptionSyntax.indexOutsideQuotes("'it''s'; x", ';')).isEqualTo(7);
    }
}
