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

    @Test
    void aSchemaWithoutTablesExitsTwoNamingTheSchemaAndWhatWasFound(LocalPostgres postgres) {
        String[] db = databases(postgres, "cli_noschema", "CREATE TABLE t (id int PRIMARY KEY)");

        CliRun r = CliRun.of(
                "compare", "--source", db[0], "--target", db[1], "--schema", "nosuchschema", "--progress", "none");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(r.err())
                .contains("nothing to compare: no table in schema(s) nosuchschema on the source or the target")
                .contains("the source has tables in public (1 table(s))");
        assertThat(r.out()).doesNotContain("identical");
    }

    @Test
    void aReportThatCannotBeWrittenIsRefusedBeforeComparing(LocalPostgres postgres, @TempDir Path dir) {
        String[] db = databases(postgres, "cli_report", "CREATE TABLE t (id int PRIMARY KEY)");
        Path missing = dir.resolve("no-such-dir").resolve("report.json");

        CliRun json = CliRun.of("compare", "--source", db[0], "--target", db[1], "--json", missing.toString());
        CliRun html = CliRun.of("compare", "--source", db[0], "--target", db[1], "--html", dir.toString());

        assertThat(json.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(json.err())
                .contains("--json " + missing + ": directory " + missing.getParent() + " does not exist; create it");
        assertThat(html.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(html.err()).contains("--html " + dir + ": is a directory; give a file path");
        assertThat(json.out() + html.out()).as("nothing was compared").isEmpty();
    }

    @Test
    void aMissingOrWrongPasswordIsNamedWithWhereToGiveItAndNeverPrinted(LocalPostgres postgres) throws Exception {
        String[] db = databases(postgres, "cli_password", "CREATE TABLE t (id int PRIMARY KEY)");
        requirePassword(postgres, "dg_pw_user", "Right-Pass-1");
        String target = "postgresql://dg_pw_user@127.0.0.1:" + postgres.port() + "/" + db[2];
        String wrong = "postgresql://dg_pw_user:Wrong-Pass-9@127.0.0.1:" + postgres.port() + "/" + db[2];

        long started = System.nanoTime();
        CliRun missing = CliRun.of("compare", "--source", db[0], "--target", target, "--progress", "none");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        CliRun bad = CliRun.of("compare", "--source", db[0], "--target", wrong, "--progress", "none");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(missing.err())
                .contains("the server asks for a password and none was given")
                .contains("PGPASSWORD")
                .contains("~/.pgpass")
                .doesNotContain("unreachable");
        assertThat(seconds).as("not retried with backoff").isLessThan(5);
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        assertThat(bad.err())
                .contains("the password is wrong for this user")
                .contains("dg_pw_user:****@")
                .doesNotContain("Wrong-Pass-9");
    }

    /** A role that must log in with a password over TCP (the test server trusts everyone else). */
    private static void requirePassword(LocalPostgres postgres, String role, String password) throws Exception {
        postgres.execute(
                "postgres",
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                        + role + " LOGIN SUPERUSER PASSWORD '" + password + "'; END IF; END $$");
        Path hba = postgres.dataDirectory().resolve("pg_hba.conf");
        String rule = "host all " + role + " 127.0.0.1/32 scram-sha-256\n";
        String current = Files.readString(hba);
        if (!current.startsWith(rule)) {
            Files.writeString(hba, rule + current);
        }
        postgres.execute("postgres", "SELECT pg_reload_conf()");
        Thread.sleep(1000); // the postmaster rereads pg_hba.conf asynchronously
    }
}
