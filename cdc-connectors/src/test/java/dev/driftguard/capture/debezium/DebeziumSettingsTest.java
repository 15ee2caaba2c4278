package dev.driftguard.capture.debezium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftguard.avro.Side;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.TableSelection;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.PasswordSources;
import dev.driftguard.row.ColumnRef;
import dev.driftguard.row.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebeziumSettingsTest {

    private static final ConnectionSpec DB = ConnectionSpec.parse(
            "postgresql://app:secret@db.example:6432/shop?sslmode=require&application_name=dg",
            PasswordSources.of(null, java.nio.file.Path.of("/nonexistent"), "nobody"));

    private static CaptureSettings settings() {
        return CaptureSettings.builder("m1", Side.SOURCE, DB)
                .tables(TableSelection.tables(List.of(TableId.parse("public.t"))))
                .excludedColumns(List.of(ColumnRef.parse("public.t.blob")))
                .build();
    }

    @Test
    void bothSidesUseTheSameExplicitRepresentations() {
        Map<String, String> p = DebeziumSettings.connectorProperties(
                settings(), List.of(TableId.parse("public.t"), new TableId("Sales", "order.items")), "pw");
        assertThat(p)
                .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("plugin.name", "pgoutput")
                .containsEntry("slot.name", "dg_m1_source")
                .containsEntry("publication.name", "dg_m1_source")
                .containsEntry("publication.autocreate.mode", "disabled")
                .containsEntry("decimal.handling.mode", "precise")
                .containsEntry("time.precision.mode", "adaptive_time_microseconds")
                .containsEntry("binary.handling.mode", "bytes")
                .containsEntry("interval.handling.mode", "string")
                .containsEntry("column.propagate.source.type", ".*")
                .containsEntry("include.unknown.datatypes", "false")
                .containsEntry("tombstones.on.delete", "false")
                .containsEntry("skipped.operations", "none")
                .containsEntry("snapshot.mode", "initial")
                .containsEntry("unavailable.value.placeholder", DebeziumSettings.UNAVAILABLE_VALUE_PLACEHOLDER)
                .containsEntry("heartbeat.interval.ms", "10000")
                .containsEntry("database.hostname", "db.example")
                .containsEntry("database.port", "6432")
                .containsEntry("database.dbname", "shop")
                .containsEntry("database.user", "app")
                .containsEntry("database.password", "pw")
                .containsEntry("database.sslmode", "require")
                .containsEntry("driver.ApplicationName", "dg")
                .containsEntry("table.include.list", "public\\.t,Sales\\.order\\.items")
                .containsEntry("column.exclude.list", "public\\.t\\.blob");
        assertThat(p.get("heartbeat.action.query")).contains("pg_logical_emit_message(false, 'driftguard.heartbeat'");
    }

    @Test
    void noPasswordWhenNoneIsGiven() {
        assertThat(DebeziumSettings.connectorProperties(settings(), List.of(TableId.parse("t")), null))
                .doesNotContainKey("database.password");
    }

    @Test
    void includeListsAreExactRegexes() {
        assertThat(DebeziumSettings.tableRegex(new TableId("a$b", "c(d)*"))).isEqualTo("a\\$b\\.c\\(d\\)\\*");
        assertThat("a$b.c(d)*").matches(DebeziumSettings.tableRegex(new TableId("a$b", "c(d)*")));
        assertThatThrownBy(() -> DebeziumSettings.tableRegex(new TableId("public", "a,b")))
                .hasMessageContaining("comma");
    }
}
