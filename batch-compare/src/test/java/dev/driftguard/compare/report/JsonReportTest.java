package dev.driftguard.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    @Test
    void hasTheDocumentedShape(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/report.json");
        JsonReport.write(Results.sample(), file);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));

        JsonNode t = root.get("tables").get(0);
        assertThat(t.get("table").asText()).isEqualTo("public.t<1>");
        assertThat(t.get("status").asText()).isEqualTo("different");
        assertThat(t.get("reason").asText()).contains("extra");
        assertThat(t.get("sourceRows").asLong()).isEqualTo(10);
        assertThat(t.get("targetRows").asLong()).isEqualTo(9);
        JsonNode d = t.get("differences").get(0);
        assertThat(d.get("kind").asText()).isEqualTo("VALUE_MISMATCH");
        assertThat(d.get("key").toString()).isEqualTo("{\"id\":\"7\",\"name\":\"<script>alert(1)</script>\"}");
        assertThat(d.get("columns").toString()).isEqualTo("[\"v\"]");
        assertThat(d.get("source").get("v").asText()).isEqualTo("a & \"b\"");
        assertThat(d.get("target").get("v").isNull()).isTrue();
        assertThat(t.get("differenceCounts").get("total").asLong()).isEqualTo(2);
        assertThat(t.get("convergedOnRecheck").asInt()).isEqualTo(3);
        assertThat(t.get("schemaDifferences").get(0).get("kind").asText()).isEqualTo("MISSING_ON_TARGET");
        JsonNode skipped = root.get("tables").get(1);
        assertThat(skipped.get("status").asText()).isEqualTo("skipped");
        assertThat(skipped.get("sourceRows").isNull()).isTrue();
        JsonNode summary = root.get("summary");
        assertThat(summary.get("result").asText()).isEqualTo("different");
        assertThat(summary.get("runId").asText()).isEqualTo("cmp-1");
        assertThat(summary.get("durationMillis").asLong()).isEqualTo(2000);
        assertThat(summary.get("rowsPerSecond").asLong()).isEqualTo(5);
        assertThat(summary.get("differences").get("MISSING_ON_TARGET").asLong()).isEqualTo(1);
    }
}
