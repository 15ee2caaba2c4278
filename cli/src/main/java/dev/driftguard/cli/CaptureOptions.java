package dev.driftguard.cli;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.SnapshotMode;
import dev.driftguard.capture.TableSelection;
import dev.driftguard.row.ColumnRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which tables a capture covers and how it converts them (with the side options: the full capture settings). */
final class CaptureOptions {

    @Mixin
    CaptureSideOptions side;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Selection selection;

    static final class Selection {
        @Option(
                names = "--tables",
                paramLabel = "s.t,...",
                description = "Tables to capture (schema.table, quoted \"Mixed\".\"Case\"; comma-separated).")
        String tables;

        @Option(
                names = "--schema",
                paramLabel = "S",
                description = "Capture every table of this schema (listed in the publication when prepared).")
        String schema;
    }

    @Option(
            names = "--exclude-columns",
            paramLabel = "s.t.c,...",
            split = ",",
            description = "Columns left out of capture (e.g. of types driftguard cannot compare).")
    List<String> excludeColumns = new ArrayList<>();

    @Option(names = "--hash-only", description = "Privacy mode: records carry per-column hashes, never values.")
    boolean hashOnly;

    @Option(
            names = "--snapshot",
            paramLabel = "initial|no_data",
            description = "On first start: read every row once (initial, default) or stream changes only (no_data).")
    String snapshot = "initial";

    @Option(
            names = "--heartbeat-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "How often an idle capture writes a heartbeat so its slot does not pin WAL (default ${DEFAULT-VALUE}).")
    Duration heartbeatInterval = CaptureSettings.DEFAULT_HEARTBEAT_INTERVAL;

    /** The validated settings; needs --tables or --schema. */
    CaptureSettings settings() {
        if (selection == null) {
            throw new IllegalArgumentException("give --tables s.t,... or --schema S");
        }
        TableSelection tables = selection.schema != null
                ? TableSelection.schema(selection.schema)
                : TableSelection.parseTables(selection.tables);
        CaptureNames names = side.names();
        return CaptureSettings.builder(names.migration(), names.side(), side.database())
                .tables(tables)
                .excludedColumns(excludeColumns.stream().map(ColumnRef::parse).toList())
                .hashOnly(hashOnly)
                .snapshotMode(SnapshotMode.parse(snapshot))
                .heartbeatInterval(heartbeatInterval)
                .build();
    }
}
