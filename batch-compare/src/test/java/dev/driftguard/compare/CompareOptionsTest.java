package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.Side;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.row.TableId;
import dev.driftguard.row.TableRules;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CompareOptionsTest {

    private static CompareOptionsBuilder valid() {
        return CompareOptions.builder()
                .source(ConnectionSpec.parse("postgresql://u:secret@src:5432/db"))
                .target(ConnectionSpec.parse("postgresql://u@tgt:5433/db"));
    }

    @Test
    void defaults() {
        CompareOptions o = valid().build();
        assertThat(o.scope().schemas()).containsExactly("public");
        assertThat(o.threads()).isEqualTo(CompareSettings.THREADS.defaultValue());
        assertThat(o.recheckRounds()).isZero();
        assertThat(o.auditDb()).isEmpty();
        assertThat(o.scope().selects(new TableId("public", "t"))).isTrue();
        assertThat(o.scope().selects(new TableId("other", "t"))).isFalse();
    }

    @Test
    void tablesWithAndWithoutSchema() {
        CompareOptions o =
                valid().schema("a").schema("b").tables("t1, x.t2,\"Odd, Name\"").build();
        assertThat(o.scope().tables()).extracting(TableRef::toString).containsExactly("t1", "x.t2", "Odd, Name");
        assertThat(o.scope().schemasToRead()).containsExactly("a", "b", "x");
        assertThat(o.scope().selects(new TableId("a", "t1"))).isTrue();
        assertThat(o.scope().selects(new TableId("b", "t1"))).isTrue();
        assertThat(o.scope().selects(new TableId("x", "t1")))
                .as("bare names only in --schema")
                .isFalse();
        assertThat(o.scope().selects(new TableId("x", "t2"))).isTrue();
        assertThat(o.scope().selects(new TableId("a", "t2"))).isFalse();
        assertThat(o.scope().selects(new TableId("a", "Odd, Name"))).isTrue();
    }

    @Test
    void rulesCombineExclusionsKeysAndRenamesOfMatchingTables() {
        CompareOptions o = valid().excludeColumns("t.a,public.t.\"B c\",other.t.z")
                .key("t:k1, \"K2\"")
                .rename(new TableRef(null, "t"), Side.TARGET, "new_name", "old_name")
                .where("public.t:\"x:y\" > 1")
                .build();
        TableRules rules = o.scope().rulesFor(new TableId("public", "t"));
        assertThat(rules.excludedColumns()).containsExactlyInAnyOrder("a", "B c");
        assertThat(rules.keyColumnsOverride()).containsExactly("k1", "K2");
        assertThat(rules.canonicalName(Side.TARGET, "new_name")).isEqualTo("old_name");
        assertThat(o.scope().rowFilterFor(new TableId("public", "t"))).contains("\"x:y\" > 1");
        assertThat(o.scope().rowFilterFor(new TableId("public", "u"))).isEmpty();
    }

    @Test
    void twoKeysForOneTableAreAnError() {
        CompareOptions o = valid().key("t:a").key("public.t:b").build();
        assertThatThrownBy(() -> o.scope().rulesFor(new TableId("public", "t")))
                .hasMessageContaining("--key is given twice for table public.t");
    }

    @Test
    void errorsNameTheOptionAndValue() {
        assertThatThrownBy(() -> CompareOptions.builder().build()).hasMessageContaining("--source is required");
        assertThatThrownBy(() -> valid().threads(0).build())
                .hasMessage("threads (--threads) must be between 1 and 64, got 0");
        assertThatThrownBy(() -> valid().recheckRounds(-1).build()).hasMessageContaining("--recheck-rounds");
        assertThatThrownBy(() -> valid().recheckDelay(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("--recheck-delay");
        assertThatThrownBy(() -> valid().resumeRunId("r1").build())
                .hasMessageContaining("--resume r1 needs --audit-db");
        assertThatThrownBy(() -> valid().auditDb(ConnectionSpec.parse("postgresql://a@h/db"))
                        .build())
                .hasMessageContaining("--audit-db needs --migration");
        assertThatThrownBy(() -> valid().migrationId("m").build())
                .hasMessageContaining("--migration is only used with");
        assertThatThrownBy(() -> valid().key("t")).hasMessageContaining("--key 't'");
        assertThatThrownBy(() -> valid().key("t:a.b")).hasMessageContaining("column 'a.b'");
        assertThatThrownBy(() -> valid().where("t:")).hasMessageContaining("--where 't:'");
        assertThatThrownBy(() -> valid().excludeColumns("c")).hasMessageContaining("--exclude-columns 'c'");
        assertThatThrownBy(() -> valid().tables("a.b.c")).hasMessageContaining("--tables 'a.b.c'");
        assertThatThrownBy(() -> valid().schema("a.b")).hasMessageContaining("--schema 'a.b'");
        assertThatThrownBy(() -> valid().tables("\"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> valid().bucketRows(500).leafRows(100).build())
                .hasMessageContaining("leafRows (100) must be at least bucketRows (500)");
    }

    @Test
    void resultDefiningOptionsNeverShowPasswords() {
        CompareOptions o = valid().threads(8).build();
        assertThat(o.resultDefiningOptions().toString())
                .doesNotContain("secret")
                .contains("u:****@src");
        assertThat(o.resultDefiningOptions()).doesNotContainKey("threads");
    }
}
