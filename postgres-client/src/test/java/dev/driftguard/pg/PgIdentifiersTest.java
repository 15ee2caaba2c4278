package dev.driftguard.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgIdentifiersTest {

    @Test
    void quotesAndDoublesEmbeddedQuotes() {
        assertThat(PgIdentifiers.quote("Mixed Case")).isEqualTo("\"Mixed Case\"");
        assertThat(PgIdentifiers.quote("we\"ird; drop table x; --")).isEqualTo("\"we\"\"ird; drop table x; --\"");
    }

    @Test
    void rejectsWhatPostgresCannotHold() {
        assertThatThrownBy(() -> PgIdentifiers.quote("")).hasMessageContaining("invalid PostgreSQL identifier");
        assertThatThrownBy(() -> PgIdentifiers.quote("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> PgIdentifiers.quote(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsSplitOutsideDoubleQuotesOnly() {
        assertThat(PgIdentifiers.splitOutsideQuotes(" a , \"b,c\" ,, d", ',')).containsExactly("a", "\"b,c\"", "d");
        assertThat(PgIdentifiers.splitOutsideQuotes("public.orders,\"Sales\".\"a\"\"b,c\"", ','))
                .containsExactly("public.orders", "\"Sales\".\"a\"\"b,c\"");
        assertThat(PgIdentifiers.splitOutsideQuotes("", ',')).isEmpty();
    }
}
