package dev.driftguard.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.ColumnValue;
import dev.driftguard.avro.Op;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValueState;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.row.CanonicalSql;
import dev.driftguard.row.CanonicalTypes;
import dev.driftguard.row.ColumnExpr;
import dev.driftguard.row.ColumnType;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.RowHash;
import dev.driftguard.row.TableId;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.PostgresPair;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every supported type through the real connector: the same rows written into two clusters (source and target, the
 * target with legitimately different but compatible column types) give identical canonical values and hashes, the
 * values are the documented canonical texts, and each captured row hash equals the hash batch compare computes in SQL.
 */
@ExtendWith(LocalStackExtension.class)
class CaptureTypesITCase {

    private static final String TYPES = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')";
    private static final String DOMAIN = "CREATE DOMAIN posint AS int4 CHECK (VALUE > 0)";

    private static final String SOURCE_TABLE =
            """
            CREATE TABLE all_types (
              id int4 PRIMARY KEY, c_int2 int2, c_int4 int4, c_int8 int8, c_num numeric(12,4), c_numfree numeric,
              c_float4 float4, c_float8 float8, c_text text, c_varchar varchar(20), c_char char(5), c_bool bool,
              c_uuid uuid, c_bytea bytea, c_date date, c_time time, c_ts timestamp, c_ts3 timestamp(3),
              c_tstz timestamptz, c_interval interval, c_json json, c_jsonb jsonb, c_inet inet, c_cidr cidr,
              c_int_arr int4[], c_text_arr text[], c_date_arr date[], c_mood mood, c_dom posint)""";

    /** Compatible on purpose: int4 vs int8, numeric(12,4) vs numeric, varchar vs text, float4 vs float8. */
    private static final String TARGET_TABLE = SOURCE_TABLE
            .replace("c_int4 int4", "c_int4 int8")
            .replace("c_num numeric(12,4)", "c_num numeric")
            .replace("c_varchar varchar(20)", "c_varchar text")
            .replace("c_int_arr int4[]", "c_int_arr int8[]");

    private static final List<String> WORKLOAD = List.of(
            """
            INSERT INTO all_types VALUES (1, 1, 2, 3, 1.5, 1.50, 1.5, 0.1, 'plain', 'v', 'ab', true,
              'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '\\xDEADbeef', '2024-02-29', '13:14:15.5',
              '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.123', '2024-01-02 03:04:05.5-03:30',
              '1 year 2 mons 3 days 04:05:06.78', '{"b": 1, "a": [1, 2.50]}', '{"b": 1, "a": [1, 2.50]}',
              '192.168.1.5/24', '10.0.0.0/8', '{1,2,NULL}', '{"x","y,z",NULL}', '{2024-01-01,NULL}', 'happy', 7)""",
            """
            INSERT INTO all_types (id, c_int2, c_int4, c_int8, c_num, c_numfree, c_float4, c_float8, c_text,
              c_bytea, c_date, c_time, c_ts, c_tstz, c_interval, c_jsonb, c_inet, c_int_arr, c_text_arr)
            VALUES (2, -32768, -2147483648, 9223372036854775807, -0.0001, 12345678901234567890.123456789,
              'NaN', '-Infinity', 'ünï''cödé "q" \\ tab	end', '', '0044-03-15 BC', '24:00:00', 'infinity',
              '-infinity', '-1 days -00:00:01', '[]', '::ffff:1.2.3.4', '{}', '{}')""",
            "INSERT INTO all_types (id) VALUES (3)",
            "INSERT INTO all_types (id, c_text, c_float8, c_tstz) VALUES (4, '', -0.0, '1999-12-31 23:59:59.999999+00')",
            "UPDATE all_types SET c_text = 'changed', c_numfree = 2.000, c_jsonb = '{\"z\": null}' WHERE id = 1",
            "UPDATE all_types SET c_int_arr = '{{1,2},{3,4}}', c_ts3 = '1970-01-01 00:00:00' WHERE id = 3",
            "DELETE FROM all_types WHERE id = 4");

    private static final int EXPECTED_RECORDS = 7;

    @Test
    void sameRowsOnBothClustersGiveIdenticalCanonicalRecords(PostgresPair pair, LocalKafka kafka) throws Exception {
        String db = pair.createUniqueDatabase("capture_types");
        pair.source().execute(db, TYPES, DOMAIN, SOURCE_TABLE);
        pair.target().execute(db, TYPES, DOMAIN, TARGET_TABLE);
        String kafkaServers = kafka.bootstrapServers();
        CaptureSettings source =
                CaptureFixture.settings("types", Side.SOURCE, pair.source().connectionSpec(db), "all_types");
        CaptureSettings target =
                CaptureFixture.settings("types", Side.TARGET, pair.target().connectionSpec(db), "all_types");
        try (EmbeddedCapture s = CaptureFixture.startStreaming(source, kafkaServers);
                EmbeddedCapture t = CaptureFixture.startStreaming(target, kafkaServers)) {
            // the target session writes in another time zone: timestamptz must still compare equal
            pair.source().execute(db, WORKLOAD.toArray(String[]::new));
            List<String> targetWorkload = new ArrayList<>(List.of("SET TimeZone = 'America/St_Johns'"));
            targetWorkload.addAll(WORKLOAD);
            pair.target().execute(db, targetWorkload.toArray(String[]::new));

            List<RowChange> sourceChanges = changes(kafkaServers, "driftguard.types.source");
            List<RowChange> targetChanges = changes(kafkaServers, "driftguard.types.target");

            assertThat(sourceChanges)
                    .extracting(RowChange::getOp)
                    .containsExactly(Op.INSERT, Op.INSERT, Op.INSERT, Op.INSERT, Op.UPDATE, Op.UPDATE, Op.DELETE);
            for (int i = 0; i < EXPECTED_RECORDS; i++) {
                RowChange a = sourceChanges.get(i);
                RowChange b = targetChanges.get(i);
                assertThat(b.getSide()).isEqualTo(Side.TARGET);
                assertThat(b.getKey()).isEqualTo(a.getKey());
                assertThat(b.getOp()).isEqualTo(a.getOp());
                assertThat(values(b)).as("record %d", i).isEqualTo(values(a));
                assertThat(b.getRowHash()).as("row hash of record %d", i).isEqualTo(a.getRowHash());
                assertThat(RowChangeFactory.differingColumns(a, b)).isEmpty();
            }

            Map<String, String> first = values(sourceChanges.get(0));
            assertThat(first)
                    .containsEntry("c_num", "1.5")
                    .containsEntry("c_numfree", "1.5")
                    .containsEntry("c_char", "ab")
                    .containsEntry("c_varchar", "v")
                    .containsEntry("c_bool", "true")
                    .containsEntry("c_uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
                    .containsEntry("c_bytea", "deadbeef")
                    .containsEntry("c_date", "2024-02-29")
                    .containsEntry("c_time", "13:14:15.5")
                    .containsEntry("c_ts", "2024-01-02 03:04:05.123456")
                    .containsEntry("c_ts3", "2024-01-02 03:04:05.123")
                    .containsEntry("c_tstz", "2024-01-02 06:34:05.5")
                    .containsEntry("c_json", "{\"a\": [1, 2.50], \"b\": 1}")
                    .containsEntry("c_jsonb", "{\"a\": [1, 2.50], \"b\": 1}")
                    .containsEntry("c_int_arr", "[\"1\", \"2\", null]")
                    .containsEntry("c_text_arr", "[\"x\", \"y,z\", null]")
                    .containsEntry("c_date_arr", "[\"2024-01-01\", null]")
                    .containsEntry("c_mood", "happy")
                    .containsEntry("c_dom", "7");
            Map<String, String> second = values(sourceChanges.get(1));
            assertThat(second)
                    .containsEntry("c_int8", "9223372036854775807")
                    .containsEntry("c_num", "-0.0001")
                    .containsEntry("c_numfree", "12345678901234567890.123456789")
                    .containsEntry("c_float4", "NaN")
                    .containsEntry("c_text", "ünï'cödé \"q\" \\ tab\tend")
                    .containsEntry("c_bytea", "")
                    .containsEntry("c_date", "0044-03-15 BC")
                    .containsEntry("c_time", "24:00:00")
                    .containsEntry("c_ts", "infinity")
                    .containsEntry("c_tstz", "-infinity")
                    .containsEntry("c_jsonb", "[]")
                    .containsEntry("c_int_arr", "[]");
            assertThat(sourceChanges.get(2).getColumns())
                    .filteredOn(c -> !c.getName().equals("id"))
                    .extracting(ColumnValue::getState)
                    .containsOnly(ValueState.NULL);
            // Debezium sends a multi-dimensional array as one NULL per sub-array: never compared, batch compare covers
            // it
            assertThat(values(sourceChanges.get(5)))
                    .containsEntry("c_int_arr", "UNKNOWN")
                    .containsEntry("c_ts3", "1970-01-01 00:00:00");
            assertThat(sourceChanges.get(5).getRowHash()).isNull();
            assertThat(sourceChanges.get(6).getColumns()).isNull();
            assertThat(sourceChanges.get(6).getRowHash()).isNull();

            assertThat(s.delivered()).isEqualTo(EXPECTED_RECORDS);
            assertThat(t.delivered()).isEqualTo(EXPECTED_RECORDS);
            assertCapturedHashesEqualSqlHashes(pair.source(), db, sourceChanges);
            assertCapturedHashesEqualSqlHashes(pair.target(), db, targetChanges);
        }
    }

    private static List<RowChange> changes(String kafka, String topic) {
        return CaptureFixture.read(kafka, topic, EXPECTED_RECORDS).stream()
                .map(TopicRecords.Captured::change)
                .toList();
    }

    private static Map<String, String> values(RowChange change) {
        Map<String, String> values = new TreeMap<>();
        if (change.getColumns() != null) {
            for (ColumnValue column : change.getColumns()) {
                values.put(
                        column.getName(),
                        column.getState() == ValueState.PRESENT
                                ? column.getValue()
                                : column.getState().name());
            }
        }
        return values;
    }

    /** The last captured hash per key equals the row hash computed by the database (batch compare's SQL). */
    private static void assertCapturedHashesEqualSqlHashes(LocalPostgres pg, String db, List<RowChange> changes)
            throws Exception {
        Map<String, RowHash> latest = new HashMap<>();
        for (RowChange change : changes) {
            String id = change.getKey().get(0).getValue();
            latest.put(id, RowChangeFactory.rowHash(change));
        }
        // a DELETE or a row with an UNKNOWN value has no hash
        latest.values().removeIf(java.util.Objects::isNull);
        TableId table = TableId.parse("all_types");
        Map<String, RowHash> fromSql = new LinkedHashMap<>();
        try (Connection c = pg.connect(db)) {
            CanonicalSql.applySessionSettings(c);
            List<ColumnExpr> columns = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            """
                            SELECT a.attname, t.typname, t.typtype, coalesce(e.typname, b.typname), coalesce(e.typtype, b.typtype)
                            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                            LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
                            LEFT JOIN pg_type b ON b.oid = t.typbasetype AND t.typtype = 'd'
                            WHERE a.attrelid = 'all_types'::regclass AND a.attnum > 0 AND NOT a.attisdropped""")) {
                while (rs.next()) {
                    ColumnType type =
                            ColumnType.ofCatalog(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                    columns.add(new ColumnExpr(
                            rs.getString(1),
                            CanonicalTypes.resolve(table, rs.getString(1), type)
                                    .sqlExpression("\"" + rs.getString(1) + "\"")));
                }
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT id::text, " + CanonicalSql.rowHashExpression(columns)
                            + " FROM all_types ORDER BY id")) {
                while (rs.next()) {
                    if (latest.containsKey(rs.getString(1))) {
                        fromSql.put(rs.getString(1), RowHash.fromBytes(rs.getBytes(2)));
                    }
                }
            }
        }
        // rows 1 and 2 (row 3 holds an UNKNOWN value, row 4 is deleted)
        assertThat(latest).containsOnlyKeys("1", "2");
        assertThat(fromSql).as("row hashes computed in SQL vs captured, by id").isEqualTo(latest);
    }
}
