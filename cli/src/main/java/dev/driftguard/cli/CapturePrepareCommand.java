package dev.driftguard.cli;

import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.prepare.CapturePreparer;
import dev.driftguard.capture.prepare.PrepareReport;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
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
final class CapturePrepareCommand implements Callable<Integer>, SettingOptions.SettingsCommand {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final List<Setting<?>> SETTINGS = Stream.concat(
                    CaptureSettings.SETTINGS.stream(), Stream.of(CaptureSettings.SET_REPLICA_IDENTITY_FULL))
            .toList();

    @Override
    public List<Setting<?>> settings() {
        return SETTINGS;
    }

    @Override
    public Integer call() {
        Settings settings = SettingOptions.read(spec, SETTINGS);
        PrepareReport report = new CapturePreparer(
                        CaptureSettings.from(settings), settings.get(CaptureSettings.SET_REPLICA_IDENTITY_FULL))
                .prepare();
        PrepareReportPrinter.print(report, spec.commandLine().getOut());
        return report.notCaptured().isEmpty() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }
}
