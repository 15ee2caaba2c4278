package dev.driftguard.compare.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftguard.compare.CompareResult;
import dev.driftguard.compare.CompareSummary;
import dev.driftguard.compare.Difference;
import dev.driftguard.compare.DifferenceCounts;
import dev.driftguard.compare.SchemaDifference;
import dev.driftguard.compare.TableResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JSON report (format documented in the README, section "batch compare report"; tools depend on it: fields are
 * only ever added).
 */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static void write(CompareResult result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), toJson(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON report to " + file + ": " + e.getMessage(), e);
        }
    }

    public static String toString(CompareResult result) {
        try {
            return JSON.writeValueAsString(toJson(result));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the JSON report", e);
        }
    }

    public static ObjectNode toJson(CompareResult result) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode tables = root.putArray("tables");
        for (TableResult table : result.tables()) {
            table(tables.addObject(), table);
        }
        root.set("summary", summary(result.summary()));
        return root;
    }

    private static void table(ObjectNode node, TableResult table) {
        node.put("table", table.table().toString());
        node.put("schema", table.table().schema());
        node.put("name", table.table().name());
        node.put("status", table.status().reportName());
        node.put("reason", table.reason());
        putNullable(node, "sourceRows", table.sourceRows());
        putNullable(node, "targetRows", table.targetRows());
        differences(node.putArray("differences"), table.differences());
        node.put("differencesTruncated", table.differencesTruncated());
        node.set("differenceCounts", counts(table.counts()));
        differences(node.putArray("inFlight"), table.inFlight());
        node.put("convergedOnRecheck", table.converged());
        ArrayNode schema = node.putArray("schemaDifferences");
        for (SchemaDifference d : table.schemaDifferences()) {
            ObjectNode s = schema.addObject();
            s.put("kind", d.kind().name());
            s.put("column", d.column());
            s.put("sourceType", d.sourceType());
            s.put("targetType", d.targetType());
            s.put("detail", d.detail());
        }
        node.put("segments", table.segments());
        node.put("segmentsResumed", table.segmentsResumed());
        node.put("durationMillis", table.duration().toMillis());
    }

    private static void differences(ArrayNode array, List<Difference> differences) {
        for (Difference d : differences) {
            ObjectNode node = array.addObject();
            node.put("kind", d.kind().name());
            d.key().asMap().forEach(node.putObject("key")::put);
            d.columns().forEach(node.putArray("columns")::add);
            values(node.putObject("source"), d.source());
            values(node.putObject("target"), d.target());
        }
    }

    private static void values(ObjectNode node, Map<String, String> values) {
        values.forEach(node::put);
    }

    private static ObjectNode counts(DifferenceCounts counts) {
        ObjectNode node = JSON.createObjectNode();
        node.put("total", counts.total());
        node.put("MISSING_ON_TARGET", counts.missingOnTarget());
        node.put("EXTRA_ON_TARGET", counts.extraOnTarget());
        node.put("VALUE_MISMATCH", counts.valueMismatch());
        return node;
    }

    /** The summary object (also stored with the run in the audit store). */
    public static ObjectNode summary(CompareSummary summary) {
        ObjectNode node = JSON.createObjectNode();
        node.put("result", summary.allIdentical() ? "identical" : "different");
        node.put("runId", summary.runId());
        node.put("migrationId", summary.migrationId());
        node.put("resumed", summary.resumed());
        node.put("startedAt", summary.startedAt().toString());
        node.put("finishedAt", summary.finishedAt().toString());
        node.put("durationMillis", summary.duration().toMillis());
        node.put("tables", summary.tables());
        node.put("identical", summary.identical());
        node.put("different", summary.different());
        node.put("skipped", summary.skipped());
        node.put("errors", summary.errors());
        node.put("sourceRows", summary.sourceRows());
        node.put("targetRows", summary.targetRows());
        node.put("rowsCompared", summary.rowsCompared());
        node.put("rowsPerSecond", Math.round(summary.rowsPerSecond()));
        node.set("differences", counts(summary.differences()));
        node.put("inFlight", summary.inFlight());
        node.put("segments", summary.segments());
        node.put("segmentsResumed", summary.segmentsResumed());
        return node;
    }

    private static void putNullable(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
