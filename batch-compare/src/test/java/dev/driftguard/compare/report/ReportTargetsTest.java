package dev.driftguard.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTargetsTest {

    @Test
    void aFileInAnExistingDirectoryCanBeWrittenAndNothingIsLeftThere(@TempDir Path dir) throws Exception {
        assertThat(ReportTargets.problemWith(dir.resolve("report.json"))).isNull();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDirectoryIsNotAReportFile(@TempDir Path dir) {
        assertThat(ReportTargets.problemWith(dir)).startsWith("is a directory; give a file path");
    }

    @Test
    void aMissingDirectoryIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-dir");
        assertThat(ReportTargets.problemWith(missing.resolve("r.html")))
                .isEqualTo("directory " + missing + " does not exist; create it or give a path in an existing"
                        + " directory");
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("plain"));
        assertThat(ReportTargets.problemWith(file.resolve("r.json"))).contains("directory " + file + " does not exist");
    }
}
