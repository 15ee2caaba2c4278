package dev.driftguard.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PgErrorsTest {

    @Test
    void classifiesBySqlState() {
        assertThat(PgErrors.classify(new SQLException("x", "08006"))).isEqualTo(PgErrors.Kind.RETRIABLE);
        assertThat(PgErrors.classify(new SQLException("x", "40001"))).isEqualTo(PgErrors.Kind.RETRIABLE);
        assertThat(PgErrors.classify(new SQLException("x", "57P01"))).isEqualTo(PgErrors.Kind.RETRIABLE);
        assertThat(PgErrors.classify(new SQLException("x", "28P01"))).isEqualTo(PgErrors.Kind.PERMANENT);
        assertThat(PgErrors.classify(new SQLException("x", "42P01"))).isEqualTo(PgErrors.Kind.PERMANENT);
        assertThat(PgErrors.classify(new SQLException("no state"))).isEqualTo(PgErrors.Kind.PERMANENT);
    }

    @Test
    void hintsNameTheFix() {
        assertThat(PgErrors.hint(new SQLException("x", "28P01"))).contains("PGPASSWORD");
        assertThat(PgErrors.hint(new SQLException("x", "08001"))).contains("host, port");
    }

    @Test
    void anExplanationIsTheServersMessageAndTheFix() {
        assertThat(PgErrors.explain(new SQLException("database \"x\" does not exist", "3D000")))
                .isEqualTo("database \"x\" does not exist — the database does not exist: check the database name in"
                        + " the connection string");
    }

    @Test
    void onlyConnectionExceptionsAreALostConnection() {
        assertThat(PgErrors.isConnectionLost(new SQLException("x", "08006"))).isTrue();
        assertThat(PgErrors.isConnectionLost(new SQLException("x", "57P01"))).isFalse();
        assertThat(PgErrors.isConnectionLost(new SQLException("no state"))).isFalse();
    }

    @Test
    void aWriteInAReadOnlyTransactionIsToldApartFromOtherRetriableErrors() {
        assertThat(PgErrors.isReadOnlyTransaction(new SQLException("x", "25006")))
                .isTrue();
        assertThat(PgErrors.isReadOnlyTransaction(new SQLException("x", "40001")))
                .isFalse();
        assertThat(PgErrors.isReadOnlyTransaction(new SQLException("no state"))).isFalse();
    }
}
