package dev.driftguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftguard.audit.AuditStore;
import dev.driftguard.audit.Finding;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.settings.CommonSettings;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "drifts",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "List a migration's findings in the audit store: what differed (table, kind, key, columns), when it was"
                    + " first seen and when it was resolved.",
            "Exit code 0: no open finding listed; 1: open findings; 2: usage, connection or configuration error."
        })
final class DriftsCommand extends SettingsCommand {

    /** Which part of driftguard found a finding. */
    enum Origin {
        ALL,
        STREAM,
        BATCH
    }

    static final Setting<String> MIGRATION = CommonSettings.MIGRATION.asRequired();
    static final Setting<String> AUDIT_DB = CommonSettings.AUDIT_DB.asRequired();
    static final Setting<Boolean> OPEN = Setting.flag("open")
            .description("Only findings that are not resolved.")
            .build();
    static final Setting<Origin> ORIGIN = Setting.choice("origin", Origin.class)
            .description("Findings of the streaming validator, of batch compare, or both.")
            .defaultValue("all")
            .build();
    static final Setting<Boolean> JSON = Setting.flag("json")
            .description("JSON with the batch-compare report's kind/key/columns fields.")
            .build();

    DriftsCommand() {
        super(List.of(MIGRATION, AUDIT_DB, OPEN, ORIGIN, JSON));
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Settings settings = given();
        Origin wanted = settings.get(ORIGIN);
        String migration = settings.get(MIGRATION);
        List<Finding> findings;
        try (AuditStore store = AuditStore.openExisting(ConnectionSpec.parse(settings.get(AUDIT_DB)))) {
            requireKnown(store, migration);
            findings = new ArrayList<>();
            for (Finding finding : store.findings(migration, settings.get(OPEN))) {
                if (wanted == Origin.ALL
                        || wanted.name().equals(finding.origin().name())) {
                    findings.add(finding);
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (settings.get(JSON)) {
            out.println(toJson(migration, findings));
        } else {
            printTable(out, findings);
        }
        out.flush();
        return findings.stream().anyMatch(Finding::isOpen) ? ExitCodes.DIFFERENCES : ExitCodes.OK;
    }

    /** A typo in --migration must not read as "no findings": the migration must have written to this store. */
    private static void requireKnown(AuditStore store, String migration) {
        List<String> known = store.migrationIds();
        if (!known.contains(migration)) {
            throw new IllegalArgumentException("migration '" + migration + "' is unknown to the audit store "
                    + store.connectionSpec() + ": "
                    + (known.isEmpty()
                            ? "no migration has written to it yet"
                            : "it knows " + String.join(", ", known.subList(0, Math.min(20, known.size())))
                                    + (known.size() > 20 ? " and " + (known.size() - 20) + " more" : ""))
                    + "; check --migration");
        }
    }

    /**
     * {@code {"migration": ID, "findings": [{"findingId", "origin", "runId", "table", "kind", "key": {col: value},
     * "columns": [...], "source": {col: value} | null, "target": ..., "firstSeen", "detectedAt", "resolvedAt",
     * "resolution"}]}}: kind, key, columns, source and target as in the batch-compare JSON report.
     */
    static String toJson(String migration, List<Finding> findings) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("migration", migration);
        ArrayNode array = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode node = array.addObject();
            node.put("findingId", f.findingId());
            node.put("origin", f.origin().dbValue());
            node.put("runId", f.runId());
            node.put("table", f.table().toString());
            node.put("kind", f.kind().name());
            ObjectNode key = node.putObject("key");
            for (int i = 0; i < f.key().columns().size(); i++) {
                key.put(f.key().columns().get(i), f.key().values().get(i));
            }
            f.columns().forEach(node.putArray("columns")::add);
            values(node, "source", f.sourceValues());
            values(node, "target", f.targetValues());
            node.put("firstSeen", f.firstSeen().toString());
            node.put("detectedAt", f.detectedAt().toString());
            node.put(
                    "resolvedAt", f.resolvedAt() == null ? null : f.resolvedAt().toString());
            node.put("resolution", f.resolution());
        }
        return mapper.writeValueAsString(root);
    }

    private static void values(ObjectNode node, String field, Map<String, String> values) {
        if (values == null) {
            node.putNull(field);
        } else {
            ObjectNode object = node.putObject(field);
            values.forEach(object::put);
        }
    }

    private static void printTable(PrintWriter out, List<Finding> findings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TABLE", "KIND", "KEY", "COLUMNS", "FIRST SEEN", "RESOLVED AT", "ORIGIN"});
        for (Finding f : findings) {
            rows.add(new String[] {
                f.table().toString(),
                f.kind().name(),
                f.key().format(", "),
                f.columns().isEmpty() ? "-" : String.join(",", f.columns()),
                time(f.firstSeen()),
                f.resolvedAt() == null ? "open" : time(f.resolvedAt()),
                f.origin().dbValue()
            });
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]));
            }
            out.println(line);
        }
        long open = findings.stream().filter(Finding::isOpen).count();
        out.println(findings.size() + " finding(s), " + open + " open");
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
