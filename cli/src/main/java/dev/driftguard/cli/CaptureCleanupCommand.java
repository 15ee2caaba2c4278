package dev.driftguard.cli;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.prepare.CaptureCleaner;
import dev.driftguard.settings.Settings;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(
        name = "cleanup",
        sortOptions = false,
        description = {
            "Drop the replication slot and the publication of one migration side, and nothing else. A capture still"
                    + " streaming from the slot is disconnected first. The offsets topic is kept: delete it (or use a"
                    + " new migration id) before capturing that side again.",
            "Exit code 0: done (also when there was nothing to drop); 2: error."
        })
final class CaptureCleanupCommand extends SettingsCommand {

    CaptureCleanupCommand() {
        super(CaptureSettings.SIDE_SETTINGS);
    }

    @Override
    public Integer call() {
        Settings settings = given();
        CaptureNames names = CaptureSettings.namesOf(settings);
        CaptureCleaner.Result result = new CaptureCleaner(names, settings.require(CaptureSettings.DB)).cleanup();
        PrintWriter out = spec.commandLine().getOut();
        String slot = names.slotName();
        if (result.terminatedPid() != null) {
            out.println("terminated WAL sender pid " + result.terminatedPid() + " that was streaming from " + slot);
        }
        out.println("replication slot " + slot + (result.slotDropped() ? " dropped" : " did not exist"));
        out.println("publication " + names.publicationName()
                + (result.publicationDropped() ? " dropped" : " did not exist"));
        return ExitCodes.OK;
    }
}
