package dev.driftguard.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableIdTest {

    @Test
    void quotedAlwaysQuotesAndDoublesEmbeddedQuotes() {
        assertThat(new TableId("public", "t").quoted()).isEqualTo("\"public\".\"t\"");
        assertThat(new TableId("My Schema", "a\"b; DROP TABLE x; --").quoted())
                .isEqualTo("\"My Schema\".\"a\"\"b; DROP TABLE x; --\"");
    }

    @Test
    void toStringIsTheDisplayForm() {
        assertThat(new TableId("s", "t")).hasToString("s.t");
    }

    @Test
    void parsesPlainQuotedAndUnqualifiedNames() {
        assertThat(TableId.parse("s.t")).isEqualTo(new TableId("s", "t"));
        assertThat(TableId.parse("Sales.Orders")).isEqualTo(new TableId("sales", "orders"));
        assertThat(TableId.parse("\"S\".\"t.x\"")).isEqualTo(new TableId("S", "t.x"));
        assertThat(TableId.parse("\"a\"\"b\".c")).isEqualTo(new TableId("a\"b", "c"));
        assertThat(TableId.parse("t")).isEqualTo(new TableId("public", "t"));
    }

    @Test
    void parseOfQuotedIsTheInverseOfQuoted() {
        TableId table = new TableId("We\"ird.Schema", "tab le");
        assertThat(TableId.parse(table.quoted())).isEqualTo(table);
    }

    @Test
    void parseErrorsNameTheInput() {
        assertThatThrownBy(() -> TableId.parse("a.b.c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a.b.c'");
        assertThatThrownBy(() -> TableId.parse("\"open.t"))
                .hasMessageContaining("'\"open.t'")
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> TableId.parse("s.")).hasMessageContaining("'s.'");
        assertThatThrownBy(() -> TableId.parse("")).hasMessageContaining("''");
        assertThatThrownBy(() -> TableId.parse("my table")).hasMessageContaining("'my table'");
    }

    @Test
    void rejectsEmptyParts() {
        assertThatThrownBy(() -> new TableId("", "t")).hasMessageContaining("schema");
        assertThatThrownBy(() -> new TableId("s", null)).hasMessageContaining("table name");
    }

    @Test
    void columnRefParsesTwoAndThreeParts() {
        assertThat(ColumnRef.parse("public.t.c")).isEqualTo(new ColumnRef(new TableId("public", "t"), "c"));
        assertThat(ColumnRef.parse("t.c")).isEqualTo(new ColumnRef(new TableId("public", "t"), "c"));
        assertThat(ColumnRef.parse("\"S\".\"T\".\"C.x\"")).isEqualTo(new ColumnRef(new TableId("S", "T"), "C.x"));
        assertThatThrownBy(() -> ColumnRef.parse("c")).hasMessageContaining("'c'");
    }
}
