package dev.driftguard.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;
import org.postgresql.util.PGInterval;
import org.postgresql.util.PGobject;

/** Java-side canonical texts per type: the pairs that must be equal, the pairs that must differ, and edge cases. */
class CanonicalValuesTest {

    private static CanonicalType type(String typname) {
        return CanonicalTypes.resolve(new TableId("public", "t"), "c", ColumnType.base(typname));
    }

    private static CanonicalType arrayOf(String elementTypname) {
        return CanonicalTypes.resolve(
                new TableId("public", "t"), "c", ColumnType.arrayOf(ColumnType.base(elementTypname)));
    }

    private static PGobject pgObject(String type, String value) throws Exception {
        PGobject object = new PGobject();
        object.setType(type);
        object.setValue(value);
        return object;
    }

    @Test
    void integersOfAnyWidthAreEqual() {
        assertThat(type("int4").canonical(7))
                .isEqualTo(type("int8").canonical(7L))
                .isEqualTo("7");
        assertThat(type("int2").canonical((short) -7)).isEqualTo("-7");
        assertThat(type("int8").canonical(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(type("int8").canonical(new BigInteger("9223372036854775807")))
                .isEqualTo("9223372036854775807");
        assertThat(type("int4").canonical(new BigDecimal("7.000"))).isEqualTo("7");
        assertThat(type("int4").canonical(" +7")).isEqualTo("7");
        assertThatThrownBy(() -> type("int4").canonical(new BigDecimal("7.5"))).hasMessageContaining("fraction");
        assertThatThrownBy(() -> type("int4").canonical(7.0)).hasMessageContaining("java.lang.Double");
    }

    @Test
    void numericIgnoresScale() {
        CanonicalType numeric = type("numeric");
        assertThat(numeric.canonical(new BigDecimal("1.50")))
                .isEqualTo(numeric.canonical(new BigDecimal("1.5000")))
                .isEqualTo("1.5");
        assertThat(numeric.canonical(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(numeric.canonical(new BigDecimal("-0.0"))).isEqualTo("0");
        assertThat(numeric.canonical(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(numeric.canonical(new BigDecimal("100.00"))).isEqualTo("100");
        assertThat(numeric.canonical(new BigDecimal("-0.000001"))).isEqualTo("-0.000001");
        assertThat(numeric.canonical(new BigDecimal("1E-100"))).isEqualTo("0." + "0".repeat(99) + "1");
        assertThat(numeric.canonical(42)).isEqualTo("42");
        assertThat(numeric.canonical("12.3400")).isEqualTo("12.34");
        assertThat(numeric.canonical(new BigDecimal("1.5"))).isNotEqualTo(numeric.canonical(new BigDecimal("1.05")));
    }

    @Test
    void numericSpecialValues() {
        CanonicalType numeric = type("numeric");
        assertThat(numeric.canonical(Double.NaN))
                .isEqualTo(numeric.canonical("NaN"))
                .isEqualTo("NaN");
        assertThat(numeric.canonical(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(numeric.canonical("-Infinity")).isEqualTo(numeric.canonical(Double.NEGATIVE_INFINITY));
        assertThatThrownBy(() -> numeric.canonical(1.5)).hasMessageContaining("BigDecimal");
    }

    @Test
    void floatsCompareByExactBits() {
        CanonicalType float4 = type("float4");
        CanonicalType float8 = type("float8");
        assertThat(float4.canonical(1.1f)).isEqualTo(float8.canonical((double) 1.1f));
        assertThat(float4.canonical(1.1f)).isNotEqualTo(float8.canonical(1.1d));
        assertThat(float8.canonical(0.1 + 0.2)).isNotEqualTo(float8.canonical(0.3));
        assertThat(float8.canonical(1.0)).isEqualTo("3ff0000000000000");
        assertThat(float8.canonical(-0.0)).isEqualTo(float8.canonical(0.0)).isEqualTo("0000000000000000");
        assertThat(float4.canonical(-0.0f)).isEqualTo("0000000000000000");
        assertThat(float8.canonical(Double.POSITIVE_INFINITY)).isEqualTo("7ff0000000000000");
        assertThat(float8.canonical(Double.NEGATIVE_INFINITY)).isEqualTo("fff0000000000000");
        assertThat(float8.canonical("-Infinity")).isEqualTo("fff0000000000000");
        assertThat(float8.canonical("1.5")).isEqualTo(float8.canonical(1.5));
        assertThat(float4.canonical("1.1")).isEqualTo(float4.canonical(1.1f));
    }

    @Test
    void everyNanIsTheSame() {
        CanonicalType float8 = type("float8");
        double otherNan = Double.longBitsToDouble(0x7ff8000000000123L);
        assertThat(float8.canonical(Double.NaN))
                .isEqualTo(float8.canonical(otherNan))
                .isEqualTo("NaN");
        assertThat(type("float4").canonical(Float.NaN)).isEqualTo("NaN");
        assertThat(float8.canonical("NaN")).isEqualTo("NaN");
    }

    @Test
    void floatDisplayIsDecimal() {
        assertThat(type("float8").display(type("float8").canonical(0.1))).isEqualTo("0.1");
        assertThat(type("float4").display(type("float4").canonical(1.1f))).isEqualTo("1.1");
        assertThat(type("float8").display("NaN")).isEqualTo("NaN");
        assertThat(type("float8").display("fff0000000000000")).isEqualTo("-Infinity");
    }

    @Test
    void textIsExactButCharNStripsTrailingSpaces() throws Exception {
        CanonicalType text = type("text");
        assertThat(text.canonical("a")).isNotEqualTo(text.canonical("a "));
        assertThat(text.canonical("")).isEqualTo("");
        assertThat(text.canonical("żółć 😀")).isEqualTo("żółć 😀");
        assertThat(type("bpchar").canonical("a   ")).isEqualTo(type("varchar").canonical("a"));
        assertThat(type("bpchar").canonical(" a\t ")).isEqualTo(" a\t");
        assertThat(type("bpchar").canonical("   ")).isEqualTo("");
        assertThat(type("citext").canonical(pgObject("citext", "AbC"))).isEqualTo("AbC");
        assertThat(type("char").canonical('x')).isEqualTo("x");
        assertThatThrownBy(() -> text.canonical(42))
                .hasMessageContaining("java.lang.Integer")
                .hasMessageContaining("text");
    }

    @Test
    void boolUuidBytea() {
        assertThat(type("bool").canonical(true))
                .isEqualTo(type("bool").canonical("t"))
                .isEqualTo("true");
        assertThat(type("bool").canonical(false)).isEqualTo("false");
        UUID uuid = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(type("uuid").canonical(uuid))
                .isEqualTo(type("uuid").canonical("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
                .isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThatThrownBy(() -> type("uuid").canonical("1-1-1-1-1")).hasMessageContaining("'1-1-1-1-1'");
        CanonicalType bytea = type("bytea");
        assertThat(bytea.canonical(new byte[] {0, (byte) 0xff, 16})).isEqualTo("00ff10");
        assertThat(bytea.canonical(new byte[0])).isEqualTo("");
        assertThat(bytea.canonical(new byte[] {1, 2, 3})).isNotEqualTo(bytea.canonical(new byte[] {1, 2, 4}));
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2}, 1, 2);
        assertThat(bytea.canonical(buffer)).isEqualTo("0102");
        assertThat(buffer.remaining()).as("the caller's buffer is not consumed").isEqualTo(2);
    }

    @Test
    void datesIncludingBcAndInfinity() {
        CanonicalType date = type("date");
        assertThat(date.canonical(LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
        assertThat(date.canonical(LocalDate.of(-43, 3, 15))).isEqualTo("0044-03-15 BC");
        assertThat(date.canonical(LocalDate.of(0, 1, 1))).isEqualTo("0001-01-01 BC");
        assertThat(date.canonical(LocalDate.of(10000, 1, 1))).isEqualTo("10000-01-01");
        assertThat(date.canonical(LocalDate.MAX)).isEqualTo("infinity");
        assertThat(date.canonical(LocalDate.MIN)).isEqualTo("-infinity");
        assertThat(date.canonical(new java.sql.Date(PGStatement.DATE_POSITIVE_INFINITY)))
                .isEqualTo("infinity");
        assertThat(date.canonical(java.sql.Date.valueOf("2024-02-29"))).isEqualTo("2024-02-29");
        assertThat(date.canonical("0044-03-15 BC")).isEqualTo("0044-03-15 BC");
        assertThat(date.canonical("2024-02-29")).isEqualTo("2024-02-29");
        assertThat(date.canonicalFromEpochDays(0)).isEqualTo("1970-01-01");
        assertThat(date.canonicalFromEpochDays(-1)).isEqualTo("1969-12-31");
        assertThat(date.canonicalFromEpochDays(LocalDate.parse("-5877611-06-21").toEpochDay()))
                .isEqualTo("infinity");
        assertThat(date.canonicalFromEpochDays(LocalDate.parse("-5877611-06-22").toEpochDay()))
                .isEqualTo("-infinity");
        assertThatThrownBy(() -> date.canonical(19000)).hasMessageContaining("canonicalFromEpochDays");
    }

    @Test
    void timesWithTrailingZerosRemovedAnd2400() {
        CanonicalType time = type("time");
        assertThat(time.canonical(LocalTime.of(12, 0))).isEqualTo("12:00:00");
        assertThat(time.canonical(LocalTime.of(12, 0, 0, 500_000_000))).isEqualTo("12:00:00.5");
        assertThat(time.canonical(LocalTime.of(12, 34, 56, 1_000))).isEqualTo("12:34:56.000001");
        assertThat(time.canonical(LocalTime.MAX)).isEqualTo("24:00:00");
        assertThat(time.canonical("24:00:00")).isEqualTo("24:00:00");
        assertThat(time.canonical("01:02:03.10")).isEqualTo("01:02:03.1");
        assertThat(time.canonicalFromMicrosOfDay(86_400_000_000L)).isEqualTo("24:00:00");
        assertThat(time.canonicalFromMicrosOfDay(3_723_000_100L)).isEqualTo("01:02:03.0001");
        assertThat(time.canonical(java.sql.Time.valueOf("10:11:12"))).isEqualTo("10:11:12");
        assertThatThrownBy(() -> time.canonicalFromMicrosOfDay(86_400_000_001L)).hasMessageContaining("86400000000");
        assertThatThrownBy(() -> time.canonical(LocalTime.of(1, 2, 3, 1))).hasMessageContaining("microsecond");
        assertThatThrownBy(() -> time.canonical(5L)).hasMessageContaining("canonicalFromMicrosOfDay");
    }

    @Test
    void theSameInstantWrittenInDifferentZonesIsEqual() {
        CanonicalType timestamptz = type("timestamptz");
        OffsetDateTime utc = OffsetDateTime.parse("2024-01-02T03:04:05.123456Z");
        ZonedDateTime stJohns = utc.atZoneSameInstant(ZoneId.of("America/St_Johns"));
        assertThat(stJohns.getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-3, -30));
        assertThat(timestamptz.canonical(utc))
                .isEqualTo(timestamptz.canonical(stJohns))
                .isEqualTo(timestamptz.canonical(stJohns.toOffsetDateTime()))
                .isEqualTo(timestamptz.canonical(utc.toInstant()))
                .isEqualTo(timestamptz.canonical("2024-01-01T23:34:05.123456-03:30"))
                .isEqualTo(timestamptz.canonical("2024-01-01 23:34:05.123456-03:30"))
                .isEqualTo(timestamptz.canonical(Timestamp.from(utc.toInstant())))
                .isEqualTo(timestamptz.canonicalFromEpochMicros(1_704_164_645_123_456L))
                .isEqualTo("2024-01-02 03:04:05.123456");
        assertThat(timestamptz.canonical(utc.plusNanos(1_000))).isNotEqualTo(timestamptz.canonical(utc));
    }

    @Test
    void timestampAndTimestamptzShareTheUtcWallClockForm() {
        assertThat(type("timestamp").canonical(LocalDateTime.parse("2024-01-02T03:04:05.5")))
                .isEqualTo(type("timestamptz").canonical(OffsetDateTime.parse("2024-01-02T03:04:05.5Z")))
                .isEqualTo(type("timestamp").canonicalFromEpochMicros(1_704_164_645_500_000L))
                .isEqualTo("2024-01-02 03:04:05.5");
    }

    @Test
    void timestampEdgeCases() {
        CanonicalType timestamp = type("timestamp");
        CanonicalType timestamptz = type("timestamptz");
        assertThat(timestamp.canonical(LocalDateTime.of(-43, 3, 15, 10, 0, 0, 500_000_000)))
                .isEqualTo("0044-03-15 10:00:00.5 BC");
        assertThat(timestamp.canonical("0044-03-15 10:00:00.5 BC")).isEqualTo("0044-03-15 10:00:00.5 BC");
        assertThat(timestamp.canonical(LocalDateTime.MAX)).isEqualTo("infinity");
        assertThat(timestamp.canonical(LocalDateTime.MIN)).isEqualTo("-infinity");
        assertThat(timestamp.canonical(new Timestamp(PGStatement.DATE_NEGATIVE_INFINITY)))
                .isEqualTo("-infinity");
        assertThat(timestamptz.canonical(OffsetDateTime.MAX)).isEqualTo("infinity");
        assertThat(timestamptz.canonical("-infinity")).isEqualTo("-infinity");
        assertThat(timestamp.canonicalFromEpochMicros(PGStatement.DATE_POSITIVE_INFINITY))
                .isEqualTo("infinity");
        assertThat(timestamp.canonicalFromEpochMicros(-1)).isEqualTo("1969-12-31 23:59:59.999999");
        assertThat(timestamptz.canonical("-0043-03-15T10:00:00Z")).isEqualTo("0044-03-15 10:00:00 BC");
        assertThat(timestamptz.canonical("+10000-01-01T00:00:00Z")).isEqualTo("10000-01-01 00:00:00");
        assertThat(timestamptz.canonical("0100-02-28 23:00:00-03")).isEqualTo("0100-03-01 02:00:00");
        assertThat(timestamptz.canonical("1800-01-01 12:00:00-03:30:52")).isEqualTo("1800-01-01 15:30:52");
        assertThatThrownBy(() -> timestamp.canonical(OffsetDateTime.now())).hasMessageContaining("LocalDateTime");
        assertThatThrownBy(() -> timestamptz.canonical(LocalDateTime.now())).hasMessageContaining("OffsetDateTime");
        assertThatThrownBy(() -> timestamptz.canonical(1L)).hasMessageContaining("canonicalFromEpochMicros");
        assertThatThrownBy(() -> timestamptz.canonical(Instant.EPOCH.plusNanos(1)))
                .hasMessageContaining("microsecond");
    }

    @Test
    void intervalsKeepMonthsDaysAndMicrosApart() throws Exception {
        CanonicalType interval = type("interval");
        assertThat(interval.canonical(new PGInterval("1 day"))).isEqualTo("0|1|0");
        assertThat(interval.canonical(new PGInterval("24:00:00"))).isEqualTo("0|0|86400000000");
        assertThat(interval.canonical(new PGInterval("1 year 2 mons 3 days 04:05:06.78")))
                .isEqualTo(interval.canonical("P1Y2M3DT4H5M6.78S"))
                .isEqualTo("14|3|14706780000");
        assertThat(interval.canonical("P-1Y-2M3DT-4H-5M-6.000001S")).isEqualTo("-14|3|-14706000001");
        assertThat(interval.canonical(new PGInterval("-1 years -2 mons +3 days -04:05:06.000001")))
                .isEqualTo("-14|3|-14706000001");
        assertThat(interval.canonical("P0Y0M0DT0H0M6.780000000000001S")).isEqualTo("0|0|6780000");
        assertThat(interval.canonical("P1W")).isEqualTo("0|7|0");
        assertThat(interval.canonical("-P1D")).isEqualTo("0|-1|0");
        assertThat(interval.canonical("1 mon -1 days")).isEqualTo("1|-1|0");
        assertThat(interval.display("14|3|14706780000")).isEqualTo("1 year 2 mons 3 days 04:05:06.78");
        assertThat(interval.display("0|0|-1")).isEqualTo("-00:00:00.000001");
        assertThatThrownBy(() -> interval.canonical(5L)).hasMessageContaining("java.lang.Long");
    }

    @Test
    void jsonFollowsJsonbOutput() throws Exception {
        CanonicalType json = type("jsonb");
        assertThat(json.canonical("{\"b\": 1, \"a\": 2}"))
                .isEqualTo(json.canonical("{\"a\":2,\"b\":1}"))
                .isEqualTo("{\"a\": 2, \"b\": 1}");
        assertThat(json.canonical("{\"b\":1,\"aa\":2,\"a\":[1.50,1e2,-0,-0.0,1E-3,\"x\"],\"a\":null,\"\":{}}"))
                .isEqualTo("{\"\": {}, \"a\": null, \"b\": 1, \"aa\": 2}");
        assertThat(json.canonical("[1.50, 1e2, -0, -0.0, 1E-3, 1.0e1, -12.5e-3]"))
                .isEqualTo("[1.50, 100, 0, 0.0, 0.001, 10, -0.0125]");
        assertThat(json.canonical("{\"é\":1,\"z\":2,\"ab\":3}")).isEqualTo("{\"z\": 2, \"ab\": 3, \"é\": 1}");
        assertThat(json.canonical("\"t\\u00e9\\n\\t\\\"\\\\\\/ \\u0001 \\ud83d\\ude00\""))
                .isEqualTo("\"té\\n\\t\\\"\\\\/ \\u0001 😀\"");
        assertThat(json.canonical(" [ ] ")).isEqualTo("[]");
        assertThat(json.canonical("null")).isEqualTo("null");
        assertThat(json.canonical(pgObject("json", "{\"k\":true}"))).isEqualTo("{\"k\": true}");
        assertThat(json.canonical("1.50")).isNotEqualTo(json.canonical("1.5"));
        assertThatThrownBy(() -> json.canonical("{\"a\":")).hasMessageContaining("invalid PostgreSQL json");
        assertThatThrownBy(() -> json.canonical("[1] 2")).hasMessageContaining("trailing");
    }

    @Test
    void inetAndCidrPrintAsPostgresql() throws Exception {
        CanonicalType inet = type("inet");
        assertThat(inet.canonical("1.2.3.4")).isEqualTo("1.2.3.4/32");
        assertThat(inet.canonical(pgObject("cidr", "10.0.0.0/8")))
                .isEqualTo(type("cidr").canonical("10.0.0.0/8"));
        assertThat(inet.canonical("::ffff:1.2.3.4")).isEqualTo("::ffff:1.2.3.4/128");
        assertThat(inet.canonical("0:0:0:0:0:ffff:0102:0304")).isEqualTo("::ffff:1.2.3.4/128");
        assertThat(inet.canonical("::2")).isEqualTo("::2/128");
        assertThat(inet.canonical("::1.2.3.4")).isEqualTo("::1.2.3.4/128");
        assertThat(inet.canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1/128");
        assertThat(inet.canonical("ABCD:EF01::1/64")).isEqualTo("abcd:ef01::1/64");
        assertThat(inet.canonical("1:0:1:0:1:0:1:0")).isEqualTo("1:0:1:0:1:0:1:0/128");
        assertThat(inet.canonical("1::")).isEqualTo("1::/128");
        assertThat(inet.canonical("::")).isEqualTo("::/128");
        assertThat(inet.canonical(InetAddress.getByAddress(new byte[] {10, 0, 0, 1})))
                .isEqualTo("10.0.0.1/32");
        assertThatThrownBy(() -> inet.canonical("1.2.3.256")).hasMessageContaining("'1.2.3.256'");
        assertThatThrownBy(() -> inet.canonical("1.2.3.4/33")).hasMessageContaining("33");
        assertThatThrownBy(() -> inet.canonical("1::2::3")).hasMessageContaining("::");
        assertThatThrownBy(() -> inet.canonical("1:2:3:4:5:6:7:8:9")).hasMessageContaining("8 groups");
    }

    @Test
    void arraysKeepOrderAndNullsAndCanonicalizeElements() {
        CanonicalType ints = arrayOf("int4");
        assertThat(ints.canonical(List.of(1, 2))).isEqualTo("[\"1\", \"2\"]");
        assertThat(ints.canonical(List.of(1, 2))).isNotEqualTo(ints.canonical(List.of(2, 1)));
        assertThat(arrayOf("int8").canonical(new Long[] {1L, 2L})).isEqualTo(ints.canonical(List.of(1, 2)));
        assertThat(ints.canonical(Arrays.asList(1, null))).isEqualTo("[\"1\", null]");
        assertThat(ints.canonical(List.of())).isEqualTo("[]");
        assertThat(ints.canonical(new Integer[][] {{1, 2}, {3, null}}))
                .isEqualTo("[1:2][1:2][\"1\", \"2\", \"3\", null]");
        assertThat(ints.canonical(new int[] {4, 5})).isEqualTo("[\"4\", \"5\"]");
        assertThat(arrayOf("text").canonical(List.of("a\"b", "NULL", ""))).isEqualTo("[\"a\\\"b\", \"NULL\", \"\"]");
        assertThat(arrayOf("numeric").canonical(List.of(new BigDecimal("1.50"))))
                .isEqualTo("[\"1.5\"]");
        assertThat(arrayOf("bytea").canonical(List.of(new byte[] {1, 2}))).isEqualTo("[\"0102\"]");
        assertThat(arrayOf("bytea").canonical(new byte[][] {{1, 2}})).isEqualTo("[\"0102\"]");
        assertThat(arrayOf("jsonb").canonical(List.of("{\"b\":1,\"a\":2}")))
                .isEqualTo("[\"{\\\"a\\\": 2, \\\"b\\\": 1}\"]");
        assertThatThrownBy(() -> ints.canonical(new Integer[][] {{1, 2}, {3}}))
                .hasMessageContaining("different lengths");
    }

    @Test
    void debeziumTemporalArrayElementsAreNumbers() {
        assertThat(arrayOf("date").canonical(List.of(0, 1))).isEqualTo("[\"1970-01-01\", \"1970-01-02\"]");
        assertThat(arrayOf("time").canonical(List.of(86_400_000_000L))).isEqualTo("[\"24:00:00\"]");
        assertThat(arrayOf("timestamp").canonical(List.of(1_500_000L))).isEqualTo("[\"1970-01-01 00:00:01.5\"]");
        assertThat(arrayOf("timestamptz").canonical(List.of("2024-01-01T23:34:05-03:30")))
                .isEqualTo("[\"2024-01-02 03:04:05\"]");
    }

    @Test
    void arrayLiteralsAreParsedWithPostgresqlQuoting() {
        CanonicalType texts = arrayOf("text");
        assertThat(((ArrayType) texts)
                        .canonical(sqlArray("{\"a\\\"b\",\"c\\\\d\",NULL,\"NULL\",\"\",\",\",\" sp \",plain}")))
                .isEqualTo("[\"a\\\"b\", \"c\\\\d\", null, \"NULL\", \"\", \",\", \" sp \", \"plain\"]");
        assertThat(arrayOf("int4").canonical(sqlArray("[0:1]={1,2}"))).isEqualTo("[\"1\", \"2\"]");
        assertThat(arrayOf("int4").canonical(sqlArray("[2:3][5:6]={{1,2},{3,4}}")))
                .isEqualTo("[1:2][1:2][\"1\", \"2\", \"3\", \"4\"]");
        assertThat(arrayOf("int4").canonical(sqlArray("{{{1}},{{2}}}"))).isEqualTo("[1:2][1:1][1:1][\"1\", \"2\"]");
        assertThat(arrayOf("int4").canonical(sqlArray("{}"))).isEqualTo("[]");
        assertThat(arrayOf("bytea").canonical(sqlArray("{\"\\\\x00FF\",NULL}"))).isEqualTo("[\"00ff\", null]");
        assertThat(arrayOf("time").canonical(sqlArray("{12:00:00.123456,24:00:00}")))
                .isEqualTo("[\"12:00:00.123456\", \"24:00:00\"]");
        assertThatThrownBy(() -> arrayOf("int4").canonical(sqlArray("{{1,2},{3}}")))
                .hasMessageContaining("different lengths");
        assertThatThrownBy(() -> arrayOf("int4").canonical(sqlArray("{1,2"))).hasMessageContaining("array literal");
    }

    /** A java.sql.Array whose toString() is the PostgreSQL text form, as pgjdbc's PgArray. */
    private static java.sql.Array sqlArray(String literal) {
        return (java.sql.Array) java.lang.reflect.Proxy.newProxyInstance(
                CanonicalValuesTest.class.getClassLoader(),
                new Class<?>[] {java.sql.Array.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return literal;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
