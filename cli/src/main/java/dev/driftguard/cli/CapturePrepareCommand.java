package dev.driftguard.cli;

import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.prepare.CapturePreparer;
import dev.driftguard.capture.prepare.PrepareReport;
import dev.driftguard.settings.Settings;
import picocli.CommandLine.Command;

@Command(
        name = "prepare",
        sortOptions = false,
        description = {
            "Make a database ready for capture (idempotent; capture does it on start too): check wal_level=logical,"
                    + " the replication privilege, free slots and WAL senders and column types; create the filtered"
                    + " publication and the slot dg_<migration>_<side>; report tables without REPLICA IDENTITY FULL"
                    + " or without primary key.",
            "Exit code 0: every selected table is captured; 1: some selected tables cannot be captured (listed);"
                    + " 2: configuration or connection error."
        })
final class CapturePrepareCommand extends SettingsCommand {

    CapturePrepareCommand() {
        super(CaptureSettings.SETTINGS, CaptureSettings.SET_REPLICA_IDENTITY_FULL);
    }

    @Override
    public Integer call() {
        Settings settings = given();
        PrepareReport report = new CapturePreparer(
                        CaptureSettings.from(settings), settings.get(CaptureSettings.SET_REPLICA_IDENTITY_FULL))
                .prepare();
        PrepareReportPrinter.print(report, spec.commandLine().getOut());
        return report.notCaptured().isEmpty() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }
}
