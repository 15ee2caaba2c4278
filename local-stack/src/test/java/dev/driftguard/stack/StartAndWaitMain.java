package dev.driftguard.stack;

import java.nio.file.Path;

/**
 * Helper process for {@link OrphanCleanupITCase}: starts a server under the base directory given as argument, prints
 * its postmaster pid and then waits to be killed.
 */
public final class StartAndWaitMain {

    private StartAndWaitMain() {}

    public static void main(String[] args) throws Exception {
        LocalPostgres pg = LocalPostgres.start(
                LocalPostgresOptions.builder().baseDir(Path.of(args[0])).build());
        long pid = OrphanedServers.postmasterPid(pg.dataDirectory()).orElseThrow();
        // The test reads this line from our stdout; printing is this helper process's whole interface.
        System.out.println("POSTMASTER " + pid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
