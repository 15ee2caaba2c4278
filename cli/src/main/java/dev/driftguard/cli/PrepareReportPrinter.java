package dev.driftguard.cli;

import dev.driftguard.capture.prepare.PrepareReport;
import dev.driftguard.capture.prepare.TableStatus;
import java.io.PrintWriter;

/** Prints what capture prepare found and did, one line per fact. */
final class PrepareReportPrinter {

    private PrepareReportPrinter() {}

    static void print(PrepareReport report, PrintWriter out) {
        out.println("publication " + report.publication() + (report.publicationCreated() ? " created" : " up to date"));
        out.println("replication slot " + report.slot() + (report.slotCreated() ? " created at " : " exists, at ")
                + report.slotLsn());
        for (TableStatus table : report.tables()) {
            String state = table.captured() ? "captured" : "NOT captured";
            String identity = table.replicaIdentityChanged() ? " (REPLICA IDENTITY FULL set now)" : "";
            out.println("  " + table.table() + ": " + state + identity);
            for (String note : table.notes()) {
                out.println("    " + note);
            }
        }
    }
}
