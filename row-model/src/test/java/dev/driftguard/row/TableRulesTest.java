package dev.driftguard.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableRulesTest {

    private static final TableId TABLE = TableId.parse("public.orders");

    @Test
    void noRulesIncludeEverythingAndKeepNames() {
        TableRules rules = TableRules.none(TABLE);
        assertThat(rules.includes("anything")).isTrue();
        assertThat(rules.canonicalName(Side.SOURCE, "c")).isEqualTo("c");
        assertThat(rules.keyColumnsOverride()).isEmpty();
    }

    @Test
    void renamesMapEachSideToCanonicalNamesAndBack() {
        TableRules rules = TableRules.builder(TABLE)
                .rename(Side.TARGET, "customer_ref", "customer_id")
                .rename(Side.SOURCE, "cust", "customer_id")
                .build();
        assertThat(rules.canonicalName(Side.TARGET, "customer_ref")).isEqualTo("customer_id");
        assertThat(rules.canonicalName(Side.SOURCE, "cust")).isEqualTo("customer_id");
        assertThat(rules.canonicalName(Side.SOURCE, "customer_ref")).isEqualTo("customer_ref");
        assertThat(rules.physicalName(Side.TARGET, "customer_id")).isEqualTo("customer_ref");
        assertThat(rules.physicalName(Side.SOURCE, "other")).isEqualTo("other");
        assertThatThrownBy(() -> rules.physicalName(Side.SOURCE, "cust"))
                .hasMessageContaining("renamed to \"customer_id\"");
    }

    @Test
    void includeAndExcludeLists() {
        TableRules onlyAB = TableRules.builder(TABLE).include("a", "b").build();
        assertThat(onlyAB.includes("a")).isTrue();
        assertThat(onlyAB.includes("c")).isFalse();
        TableRules notC = TableRules.builder(TABLE).exclude("c").build();
        assertThat(notC.includes("a")).isTrue();
        assertThat(notC.includes("c")).isFalse();
    }

    @Test
    void keyOverride() {
        TableRules rules =
                TableRules.builder(TABLE).keyColumns(List.of("tenant", "id")).build();
        assertThat(rules.keyColumnsOverride()).containsExactly("tenant", "id");
    }

    @Test
    void contradictoryRulesAreRejectedNamingTableAndColumns() {
        assertThatThrownBy(() ->
                        TableRules.builder(TABLE).include("a").exclude("a").build())
                .hasMessageContaining("public.orders")
                .hasMessageContaining("\"a\"");
        assertThatThrownBy(() -> TableRules.builder(TABLE)
                        .rename(Side.SOURCE, "x", "c")
                        .rename(Side.SOURCE, "y", "c")
                        .build())
                .hasMessageContaining("\"c\"");
        assertThatThrownBy(() ->
                        TableRules.builder(TABLE).rename(Side.TARGET, "x", "a").rename(Side.TARGET, "x", "b"))
                .hasMessageContaining("renamed twice");
        assertThatThrownBy(() -> TableRules.builder(TABLE)
                        .exclude("id")
                        .keyColumns(List.of("id"))
                        .build())
                .hasMessageContaining("key column \"id\"");
        assertThatThrownBy(() -> TableRules.builder(TABLE)
                        .keyColumns(List.of("id", "id"))
                        .build())
                .hasMessageContaining("twice");
    }
}
