package dev.driftguard.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a compare refuses rather than call "identical": keys that do not identify rows, nothing to compare, a
 * --where predicate that would change the queries' structure. */
@ExtendWith(LocalStackExtension.class)
class RefusalsITCase {

    @Test
    void aDeclaredKeyThatRepeatsAValueMakesTheTableAnErrorNamingTheValue(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "dupkey");
        pair.onBoth("CREATE TABLE dupkey (k int NOT NULL, v text)");
        pair.onSource("INSERT INTO dupkey VALUES (1, 'a'), (1, 'b'), (2, 'c')");
        pair.onTarget("INSERT INTO dupkey VALUES (1, 'a'), (1, 'X'), (2, 'c')");

        CompareResult result = pair.compare(o -> o.key("dupkey:k"));

        TableResult t = ComparePair.table(result, "public.dupkey");
        assertThat(t.status()).isEqualTo(TableStatus.ERROR);
        assertThat(t.reason())
                .contains("key [k] of public.dupkey is not unique on the source")
                .contains("[k] = [1]")
                .contains("--key public.dupkey:");
        assertThat(result.allIdentical()).isFalse();
    }

    @Test
    void aKeyRepeatedOnlyOutsideTheWherePredicateIsAccepted(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "dupkey_where");
        pair.onBoth(
                "CREATE TABLE dupkey (k int NOT NULL, v text)",
                "INSERT INTO dupkey VALUES (1, 'a'), (1, 'b'), (2, 'c'), (3, 'd')");
        pair.onTarget("UPDATE dupkey SET v = 'X' WHERE k = 3");

        TableResult t = ComparePair.table(pair.compare(o -> o.key("dupkey:k").where("dupkey:k >= 2")), "public.dupkey");

        assertThat(t.status()).isEqualTo(TableStatus.DIFFERENT);
        assertThat(t.differences()).extracting(d -> d.key().values()).containsExactly(java.util.List.of("3"));
    }

    @Test
    void aKeyTheTargetDoesNotEnforceIsCheckedThere(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "dupkey_target");
        pair.onSource("CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        pair.onTarget("CREATE TABLE t (id int NOT NULL, v text)", "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (2, 'c')");

        TableResult t = ComparePair.table(pair.compare(), "public.t");

        assertThat(t.status()).isEqualTo(TableStatus.ERROR);
        assertThat(t.reason()).contains("is not unique on the target").contains("[id] = [2]");
    }

    @Test
    void aSchemaWithoutTablesIsRefusedNamingTheSchemasThatHaveThem(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "noschema");
        pair.onBoth("CREATE TABLE t (id int PRIMARY KEY)");

        assertThatThrownBy(() -> pair.compare(o -> o.schema("nosuchschema")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nothing to compare: no table in schema(s) nosuchschema")
                .hasMessageContaining("the source has tables in public (1 table(s))")
                .hasMessageContaining("give --schema");
    }

    @Test
    void twoEmptyDatabasesAreRefusedNotIdentical(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "nothing");

        assertThatThrownBy(pair::compare)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no table in schema(s) public")
                .hasMessageContaining("neither database holds any table");
    }

    @Test
    void aWherePredicateThatClosesAParenthesisItDidNotOpenIsRefused(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "where_structure");
        pair.onBoth("CREATE TABLE customers (id int PRIMARY KEY)");

        assertThatThrownBy(() -> pair.compare(o -> o.where("customers:id>19990) OR (1=1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--where customers: the predicate 'id>19990) OR (1=1'")
                .hasMessageContaining("closes a parenthesis at character 9 that it did not open")
                .hasMessageContaining("one self-contained SQL boolean expression");
        assertThatThrownBy(() -> pair.compare(o -> o.where("customers:id > 5 /* note")))
                .hasMessageContaining("the comment opened at character 8 is not closed");
        assertThatThrownBy(() -> pair.compare(o -> o.where("customers:name = 'it''s")))
                .hasMessageContaining("the string literal opened at character 8 is not closed");
    }

    @Test
    void parenthesesAndSemicolonsInsideLiteralsIdentifiersAndCommentsAreAccepted(LocalPostgres postgres) {
        ComparePair pair = ComparePair.create(postgres, "where_literals");
        pair.onBoth(
                "CREATE TABLE t (id int PRIMARY KEY, \"a)b\" text)",
                "INSERT INTO t VALUES (1, ')'), (2, ';('), (3, 'x')");

        TableResult t = ComparePair.table(
                pair.compare(o -> o.where("t:(\"a)b\" IN (')', ';(', $q$)$q$, E'\\')')) -- closes ) ;\n")), "public.t");

        assertThat(t.status()).isEqualTo(TableStatus.IDENTICAL);
        assertThat(t.sourceRows()).isEqualTo(2);
    }
}
