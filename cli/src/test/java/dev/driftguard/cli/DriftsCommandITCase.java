package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import dev.driftguard.stack.junit.SqlValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code driftguard drifts} reads and never writes, and a migration it does not know is an error, not "0 findings". */
@ExtendWith(LocalStackExtension.class)
class DriftsCommandITCase {

    @Test
    void aDatabaseWithoutTheAuditStoreIsAnErrorAndIsLeftUntouched(LocalPostgres postgres) throws Exception {
        String db = postgres.createUniqueDatabase("drifts_empty");

        CliRun run = CliRun.of("drifts", "--migration", "m1", "--audit-db", postgres.uri(db));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(run.err()).contains("has no driftguard audit store", "check --audit-db", "compare or validate");
        assertThat(SqlValues.firstLong(postgres, db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'driftguard'"))
                .as("reading created no schema")
                .isZero();
    }

    @Test
    void anUnknownMigrationIsAnErrorNamingTheKnownOnes(LocalPostgres postgres) {
        String db = postgres.createUniqueDatabase("drifts_known");
        try (AuditStore store = AuditStore.open(postgres.connectionSpec(db))) {
            store.recordMigration("orders-2026", "");
        }

        CliRun typo = CliRun.of("drifts", "--migration", "orders-2062", "--audit-db", postgres.uri(db));
        CliRun known = CliRun.of("drifts", "--migration", "orders-2026", "--audit-db", postgres.uri(db));

        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(typo.err()).contains("migration 'orders-2062' is unknown", "it knows orders-2026", "--migration");
        assertThat(known.exitCode()).as(known.err()).isZero();
        assertThat(known.out()).contains("0 finding(s), 0 open");
    }
}
