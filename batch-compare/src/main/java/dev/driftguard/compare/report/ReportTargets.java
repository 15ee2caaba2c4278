package dev.driftguard.compare.report;

import dev.driftguard.compare.CompareSettings;
import dev.driftguard.settings.Setting;
import dev.driftguard.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks before a run that its report files (--json, --html) can be written, so that a wrong path is found in a
 * second rather than after the whole compare, when its results would be lost with the report.
 */
public final class ReportTargets {

    private ReportTargets() {}

    /**
     * @throws IllegalArgumentException naming the option, the path and what to do, if a report cannot be written there
     */
    public static void check(Settings settings) {
        check(CompareSettings.JSON, settings);
        check(CompareSettings.HTML, settings);
    }

    private static void check(Setting<Path> option, Settings settings) {
        settings.find(option).ifPresent(path -> {
            String problem = problemWith(path.toAbsolutePath().normalize());
            if (problem != null) {
                throw new IllegalArgumentException(option.option() + " " + path + ": " + problem);
            }
        });
    }

    /** Why a report cannot be written to {@code file}, or null if it can. */
    static String problemWith(Path file) {
        if (Files.isDirectory(file)) {
            return "is a directory; give a file path, e.g. " + file.resolve("compare-report");
        }
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return "directory " + dir + " does not exist; create it or give a path in an existing directory";
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            return "the file exists and is not writable; make it writable or give another path";
        }
        try {
            // Creating a file is the one check that also holds for root and read-only file systems.
            Files.delete(Files.createTempFile(dir, ".driftguard-", ".tmp"));
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot create a file in " + dir + " (" + e.getMessage() + "); give a path in a writable directory";
        }
    }
}
