package dev.driftguard.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalSqlTest {

    @Test
    void rowTextExpressionOrdersColumnsByCanonicalNameAndPrefixesLengths() {
        String sql = CanonicalSql.rowTextExpression(
                List.of(new ColumnExpr("b", "(\"b\")::text"), new ColumnExpr("a", "(\"a\")::text")));
        assertThat(sql)
                .isEqualTo("(coalesce(length(((\"a\")::text))::text || ':' || ((\"a\")::text), 'N') || "
                        + "coalesce(length(((\"b\")::text))::text || ':' || ((\"b\")::text), 'N'))");
    }

    @Test
    void hashExpressionsWrapTheRowText() {
        List<ColumnExpr> columns = List.of(new ColumnExpr("a", "x"));
        String text = CanonicalSql.rowTextExpression(columns);
        assertThat(CanonicalSql.rowHashExpression(columns)).contains("sha256(convert_to(" + text + ", 'UTF8'))");
        assertThat(CanonicalSql.rowHash64Expression(columns)).endsWith("::bit(64)::bigint");
    }

    @Test
    void rejectsEmptyAndDuplicateColumns() {
        assertThatThrownBy(() -> CanonicalSql.rowTextExpression(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() ->
                        CanonicalSql.rowTextExpression(List.of(new ColumnExpr("a", "x"), new ColumnExpr("a", "y"))))
                .hasMessageContaining("\"a\"");
    }

    @Test
    void sessionSettingsPinTheIsoDateStyle() {
        assertThat(CanonicalSql.SESSION_SETTINGS).contains("SET DateStyle = 'ISO, YMD'");
    }
}
