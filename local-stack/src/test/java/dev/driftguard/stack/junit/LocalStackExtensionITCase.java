package dev.driftguard.stack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.PostgresPair;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class LocalStackExtensionITCase {

    private final LocalPostgres constructorPostgres;

    LocalStackExtensionITCase(LocalPostgres postgres) {
        this.constructorPostgres = postgres;
    }

    @Test
    void oneRunningServerIsInjectedIntoConstructorsAndMethods(LocalPostgres postgres, PostgresPair pair) {
        assertThat(postgres).isSameAs(constructorPostgres);
        assertThat(postgres.isRunning()).isTrue();
        assertThat(pair.source()).isNotSameAs(postgres);
        assertThat(pair.target().port()).isNotIn(postgres.port(), pair.source().port());
    }

    @Test
    void uniqueDatabasesKeepTestsApart(LocalPostgres postgres) {
        String first = postgres.createUniqueDatabase("same hint");
        String second = postgres.createUniqueDatabase("same hint");
        assertThat(first).isNotEqualTo(second);
        assertThat(postgres.databaseExists(first)).isTrue();
        assertThat(postgres.databaseExists(second)).isTrue();
    }

    @Nested
    class NestedTests {
        @Test
        void nestedClassesShareTheServer(LocalPostgres postgres) {
            assertThat(postgres).isSameAs(constructorPostgres);
        }
    }
}
