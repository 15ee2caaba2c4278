package dev.driftguard.cli;

import dev.driftguard.capture.prepare.CapturePreparer;
import dev.driftguard.capture.prepare.PrepareReport;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
final class CapturePrepareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CaptureOptions capture;

    @Option(
            names = "--set-replica-identity-full",
            description = "ALTER TABLE ... REPLICA IDENTITY FULL on selected tables that lack it.")
    boolean setReplicaIdentityFull;

    @Override
    public Integer call() {
        PrepareReport report = new CapturePreparer(capture.settings(), setReplicaIdentityFull).prepare();
        PrepareReportPrinter.print(report, spec.commandLine().getOut());
        return report.notCaptured().isEmpty() ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }
}
