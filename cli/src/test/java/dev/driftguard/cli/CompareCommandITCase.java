package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftguard compare}: exit codes, reports and messages. */
@ExtendWith(LocalStackExtension.class)
class CompareCommandITCase {

    private static String[] databases(LocalPostgres postgres, String hint, String... sql) {
        String source = postgres.createUniqueDatabase(hint + "_src");
        String target = postgres.createUniqueDatabase(hint + "_tgt");
        postgres.execute(source, sql);
        postgres.execute(target, sql);
        return new String[] {postgres.uri(source), postgres.uri(target), target};
    }

    @Test
    void identicalDatabasesExitZeroAndWriteBothReports(LocalPostgres postgres, @TempDir Path dir) throws Exception {
        String[] db = databases(
                postgres,
                "cli_same",
                "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 100) g");
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");

        CliRun r = CliRun.of(
                "compare",
                "--source",
                db[0],
                "--target",
                db[1],
                "--json",
                json.toString(),
                "--html",
                html.toString(),
                "--progress",
                "log");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("public.t: identical (source 100 rows, target 100 rows)")
                .contains("1 identical, 0 different");
        assertThat(r.err()).contains("compare: done 100%");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("summary").path("result").asText()).isEqualTo("identical");
        assertThat(Files.readString(html)).contains("<!DOCTYPE html>").contains("public.t");
    }

    @Test
    void differencesExitOne(LocalPostgres postgres, @TempDir Path dir) throws Exception {
        String[] db = databases(
                postgres,
                "cli_diff",
                "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 100) g");
        postgres.execute(db[2], "UPDATE t SET v = 'changed' WHERE id = 42");
        Path json = dir.resolve("diff.json");

        CliRun r = CliRun.of(
                "compare",
                "--source",
                db[0],
                "--target",
                db[1],
                "--json",
                json.toString(),
                "--progress",
                "none",
                "--recheck-rounds",
                "1",
                "--recheck-delay",
                "10ms");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(r.out()).contains("public.t: different").contains("1 value mismatches");
        JsonNode d = new ObjectMapper()
                .readTree(json.toFile())
                .path("tables")
                .get(0)
                .path("differences")
                .get(0);
        assertThat(d.path("key").path("id").asText()).isEqualTo("42");
        assertThat(d.path("columns").toString()).isEqualTo("[\"v\"]");
        assertThat(d.path("target").path("v").asText()).isEqualTo("changed");
    }

    @Test
    void aTableThatCannotBeComparedExitsOne(LocalPostgres postgres) {
        String[] db = databases(postgres, "cli_skip", "CREATE TABLE nokey (v text)");

        CliRun r = CliRun.of("compare", "--source", db[0], "--target", db[1], "--progress", "none");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.DIFFERENCES);
        assertThat(r.out()).contains("public.nokey: skipped: table public.nokey has no primary key");
    }

    @Test
    void usageConfigurationAndConnectionErrorsExitTwo(LocalPostgres postgres) {
        String[] db = databases(postgres, "cli_bad", "CREATE TABLE t (id int PRIMARY KEY)");

        CliRun threads = CliRun.of("compare", "--source", db[0], "--target", db[1], "--threads", "0");
        assertThat(threads.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(threads.err()).contains("'--threads': must be between 1 and 64, got 0");

        CliRun table =
                CliRun.of("compare", "--source", db[0], "--target", db[1], "--tables", "missing", "--progress", "none");
        assertThat(table.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(table.err()).contains("--tables missing: no such table");

        CliRun unreachable = CliRun.of(
                "compare",
                "--source",
                db[0],
                "--target",
                "postgresql://postgres:secret@127.0.0.1:1/nowhere",
                "--progress",
                "none");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(unreachable.err())
                .contains("cannot connect to postgresql://postgres:****@127.0.0.1:1/nowhere")
                .doesNotContain("secret");

        CliRun missing = CliRun.of("compare", "--source", db[0]);
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(missing.err()).contains("--target");
    }
}
