package dev.driftguard.cli;

import dev.driftguard.capture.prepare.CaptureCleaner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "cleanup",
        sortOptions = false,
        description = {
            "Drop the replication slot and the publication of one migration side, and nothing else. A capture still"
                    + " streaming from the slot is disconnected first. The offsets topic is kept: delete it (or use a"
                    + " new migration id) before capturing that side again.",
            "Exit code 0: done (also when there was nothing to drop); 2: error."
        })
final class CaptureCleanupCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CaptureSideOptions options;

    @Override
    public Integer call() {
        CaptureCleaner.Result result = new CaptureCleaner(options.names(), options.database()).cleanup();
        PrintWriter out = spec.commandLine().getOut();
        String slot = options.names().slotName();
        if (result.terminatedPid() != null) {
            out.println("terminated WAL sender pid " + result.terminatedPid() + " that was streaming from " + slot);
        }
        out.println("replication slot " + slot + (result.slotDropped() ? " dropped" : " did not exist"));
        out.println("publication " + options.names().publicationName()
                + (result.publicationDropped() ? " dropped" : " did not exist"));
        return ExitCodes.OK;
    }
}
