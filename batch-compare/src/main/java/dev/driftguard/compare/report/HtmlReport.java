package dev.driftguard.compare.report;

import dev.driftguard.compare.CompareResult;
import dev.driftguard.compare.CompareSummary;
import dev.driftguard.compare.Difference;
import dev.driftguard.compare.SchemaDifference;
import dev.driftguard.compare.TableResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The HTML report: one self-contained page (inline style, no scripts, no external assets) that an auditor can open
 * offline. Every value from the databases is HTML-escaped.
 */
public final class HtmlReport {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            + "h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}"
            + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;"
            + "text-align:left;vertical-align:top}th{background:#f3f3f3}"
            + "code{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}"
            + ".identical{color:#17692b}.different{color:#b3261e}.skipped{color:#8a5a00}.error{color:#b3261e}"
            + ".status{font-weight:bold}.reason{margin:.25em 0}";

    private HtmlReport() {}

    public static void write(CompareResult result, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report to " + file + ": " + e.getMessage(), e);
        }
    }

    public static String render(CompareResult result) {
        CompareSummary s = result.summary();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>driftguard batch compare ")
                .append(escape(s.runId()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        h.append("<h1>driftguard batch compare: <span class=\"")
                .append(s.allIdentical() ? "identical" : "different")
                .append("\">")
                .append(s.allIdentical() ? "identical" : "differences found")
                .append("</span></h1>\n<table>");
        summaryRows(h, s);
        List<TableResult> tables = result.tables();
        tableIndex(h, tables);
        h.append("</table>\n");
        for (int i = 0; i < tables.size(); i++) {
            table(h, tables.get(i), "t-" + i);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void summaryRows(StringBuilder h, CompareSummary s) {
        row(h, "Run", s.runId() + (s.resumed() ? " (resumed)" : ""));
        row(h, "Migration", s.migrationId() == null ? "" : s.migrationId());
        row(h, "Started / finished", s.startedAt() + " / " + s.finishedAt());
        row(h, "Duration", String.format("%.1f s", s.duration().toMillis() / 1000.0));
        row(
                h,
                "Tables",
                s.tables() + " (identical " + s.identical() + ", different " + s.different() + ", skipped "
                        + s.skipped() + ", error " + s.errors() + ")");
        row(
                h,
                "Rows",
                "source " + s.sourceRows() + ", target " + s.targetRows() + ", " + Math.round(s.rowsPerSecond())
                        + " rows/s");
        row(
                h,
                "Differences",
                s.differences().total() + " (missing on target "
                        + s.differences().missingOnTarget()
                        + ", extra on target " + s.differences().extraOnTarget() + ", value mismatch "
                        + s.differences().valueMismatch() + "); in flight " + s.inFlight());
    }

    /** One line per table, linking to its section. */
    private static void tableIndex(StringBuilder h, List<TableResult> tables) {
        h.append("</table>\n<h2>Tables</h2>\n<table><tr><th>Table</th><th>Status</th><th>Source rows</th>")
                .append("<th>Target rows</th><th>Differences</th><th>In flight</th></tr>\n");
        for (int i = 0; i < tables.size(); i++) {
            TableResult t = tables.get(i);
            h.append("<tr><td><a href=\"#t-")
                    .append(i)
                    .append("\">")
                    .append(escape(t.table().toString()))
                    .append("</a></td><td class=\"status ")
                    .append(t.status().reportName())
                    .append("\">")
                    .append(t.status().reportName())
                    .append("</td><td>")
                    .append(number(t.sourceRows()))
                    .append("</td><td>")
                    .append(number(t.targetRows()))
                    .append("</td><td>")
                    .append(t.counts().total())
                    .append("</td><td>")
                    .append(t.inFlight().size())
                    .append("</td></tr>\n");
        }
    }

    private static void table(StringBuilder h, TableResult t, String anchor) {
        h.append("<h2 id=\"")
                .append(anchor)
                .append("\">")
                .append(escape(t.table().toString()))
                .append(" <span class=\"status ")
                .append(t.status().reportName())
                .append("\">")
                .append(t.status().reportName())
                .append("</span></h2>\n");
        if (t.reason() != null) {
            h.append("<p class=\"reason\">").append(escape(t.reason())).append("</p>\n");
        }
        if (!t.schemaDifferences().isEmpty()) {
            h.append("<table><tr><th>Column</th><th>Schema difference</th><th>Source type</th><th>Target type</th>")
                    .append("<th>Detail</th></tr>\n");
            for (SchemaDifference d : t.schemaDifferences()) {
                h.append("<tr><td><code>")
                        .append(escape(d.column()))
                        .append("</code></td><td>")
                        .append(d.kind())
                        .append("</td><td>")
                        .append(escape(nullToEmpty(d.sourceType())))
                        .append("</td><td>")
                        .append(escape(nullToEmpty(d.targetType())))
                        .append("</td><td>")
                        .append(escape(d.detail()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        differences(h, "Differences", t.differences());
        if (t.differencesTruncated()) {
            h.append("<p>")
                    .append(t.counts().total() - t.differences().size())
                    .append(" more differences are counted but not listed (per-table limit).</p>\n");
        }
        differences(h, "In flight (changed during recheck; left to the streaming validator)", t.inFlight());
    }

    private static void differences(StringBuilder h, String title, List<Difference> differences) {
        if (differences.isEmpty()) {
            return;
        }
        h.append("<h3>")
                .append(escape(title))
                .append(" (")
                .append(differences.size())
                .append(")</h3>\n")
                .append("<table><tr><th>Kind</th><th>Key</th><th>Columns</th><th>Source</th><th>Target</th></tr>\n");
        for (Difference d : differences) {
            h.append("<tr><td>").append(d.kind()).append("</td><td>");
            String separator = "";
            for (Map.Entry<String, String> part : d.key().asMap().entrySet()) {
                h.append(separator)
                        .append("<code>")
                        .append(escape(part.getKey()))
                        .append(" = ")
                        .append(escape(part.getValue()))
                        .append("</code>");
                separator = "<br>";
            }
            h.append("</td><td><code>")
                    .append(escape(String.join(", ", d.columns())))
                    .append("</code></td><td>");
            values(h, d.source());
            h.append("</td><td>");
            values(h, d.target());
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void values(StringBuilder h, Map<String, String> values) {
        boolean first = true;
        for (Map.Entry<String, String> v : values.entrySet()) {
            h.append(first ? "" : "<br>")
                    .append("<code>")
                    .append(escape(v.getKey()))
                    .append(" = ")
                    .append(v.getValue() == null ? "NULL" : "'" + escape(v.getValue()) + "'")
                    .append("</code>");
            first = false;
        }
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th>")
                .append(escape(label))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>");
    }

    private static String number(Long n) {
        return n == null ? "" : n.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
