package dev.driftguard.cli;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.pg.ConnectionSpec;
import picocli.CommandLine.Option;

/**
 * Which migration side and database a capture command works on. Not marked required for picocli, because the
 * {@code capture} command carries them too and picocli would then demand them before its subcommands' names.
 */
final class CaptureSideOptions {

    @Option(
            names = "--migration",
            paramLabel = "ID",
            description =
                    "Migration id (letters, digits, _ - .); names the slot dg_<id>_<side>, the publication and the topic driftguard.<id>.<side>. Required.")
    String migration;

    @Option(
            names = "--side",
            paramLabel = "source|target",
            description = "Which side of the migration this database is. Required.")
    String side;

    @Option(
            names = "--db",
            paramLabel = "URI",
            description =
                    "The database (postgresql://user@host:port/db or jdbc:postgresql://...; password from the URI, PGPASSWORD or ~/.pgpass). Required.")
    String db;

    CaptureNames names() {
        require(migration, "--migration ID");
        require(side, "--side source|target");
        return new CaptureNames(migration, CaptureNames.parseSide(side));
    }

    ConnectionSpec database() {
        require(db, "--db URI");
        return ConnectionSpec.parse(db);
    }

    static void require(Object value, String option) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + option);
        }
    }
}
