package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import dev.driftguard.stack.junit.SqlValues;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: every command given bad input (invalid values, missing and unknown options, malformed or unreachable
 * connection strings, missing databases, tables and columns) against real servers. Per case: the exit code, a message
 * that names the offending value and what to do, no stack trace, no password in any output, and nothing created by the
 * failed run (slots, publications, the audit schema, report files). Ends with a one-line summary.
 */
@ExtendWith(LocalStackExtension.class)
class BadInputITCase {

    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger HANDLED = new AtomicInteger();

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> badInput(LocalPostgres postgres, LocalKafka kafka) throws Exception {
        String source = postgres.createUniqueDatabase("bad_src");
        String target = postgres.createUniqueDatabase("bad_tgt");
        for (String db : new String[] {source, target}) {
            postgres.execute(
                    db,
                    "CREATE TABLE t (id int PRIMARY KEY, v text)",
                    "INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 10) g",
                    "CREATE TABLE dup (k int, v text)",
                    "INSERT INTO dup VALUES (1, 'a'), (1, 'b'), (2, 'c')");
        }
        postgres.execute(target, "UPDATE dup SET v = 'changed' WHERE v = 'b'");
        String empty = postgres.createUniqueDatabase("bad_empty");
        String audit = postgres.createUniqueDatabase("bad_audit");
        requirePassword(postgres, "pwuser");
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("a-file"), "not a directory");
        Files.writeString(work.resolve("bootstrap.properties"), "bootstrap.servers=elsewhere:9092\n");
        Files.writeString(work.resolve("unset-env.properties"), "sasl.jaas.config=${env:DRIFTGUARD_BI_UNSET}\n");
        BadInputCases catalogue = new BadInputCases(
                postgres.host() + ":" + postgres.port(), kafka.bootstrapServers(), source, target, empty, audit, work);
        CliRun seeded = CliRun.of(
                "compare",
                "--source",
                catalogue.uri(source),
                "--target",
                catalogue.uri(source),
                "--audit-db",
                catalogue.uri(audit),
                "--migration",
                "seeded",
                "--tables",
                "t",
                "--progress",
                "none");
        assertThat(seeded.exitCode()).as(seeded.err()).isZero();
        return catalogue.all().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    CASES.incrementAndGet();
                    check(postgres, c);
                    HANDLED.incrementAndGet();
                }));
    }

    @AfterAll
    static void summary() {
        System.out.println("bad-input suite: " + CASES.get() + " cases, " + HANDLED.get() + " handled");
    }

    private static void check(LocalPostgres postgres, BadInputCase c) throws Exception {
        boolean hadAuditSchema = c.database() != null && auditSchemas(postgres, c.database()) > 0;
        // A bad input must end the run: one that starts working instead fails here rather than blocking the suite.
        Run run = assertTimeoutPreemptively(
                Duration.ofSeconds(90), () -> Run.of(c.args().toArray(String[]::new)), c::toString);
        String all = run.cli.out() + run.cli.err() + run.logged;
        String transcript = c.args() + "\nexit " + run.cli.exitCode() + "\nout:\n" + run.cli.out() + "\nerr:\n"
                + run.cli.err() + "\nlogged:\n" + run.logged;
        assertThat(run.cli.exitCode()).as(transcript).isEqualTo(c.exitCode());
        String message = c.exitCode() == 0 || c.exitCode() == 1 ? run.cli.out() + run.cli.err() : run.cli.err();
        for (String fragment : c.fragments()) {
            assertThat(message).as(transcript).contains(fragment);
        }
        assertThat(all)
                .as(transcript)
                .doesNotContain("\tat ")
                .doesNotContain("Exception in thread")
                .doesNotContain("at dev.driftguard")
                .doesNotContain(BadInputCases.SECRET)
                .doesNotContain("retPW");
        if (c.database() != null) {
            String like = "'%" + c.migration() + "%'";
            assertThat(SqlValues.firstLong(
                            postgres,
                            c.database(),
                            "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE " + like))
                    .as("replication slots left by " + transcript)
                    .isZero();
            assertThat(SqlValues.firstLong(
                            postgres, c.database(), "SELECT count(*) FROM pg_publication WHERE pubname LIKE " + like))
                    .as("publications left by " + transcript)
                    .isZero();
            if (!hadAuditSchema) {
                assertThat(auditSchemas(postgres, c.database()))
                        .as("driftguard schema created by " + transcript)
                        .isZero();
            }
        }
        for (Path file : c.absent()) {
            assertThat(file).as(transcript).doesNotExist();
        }
    }

    private static long auditSchemas(LocalPostgres postgres, String database) throws Exception {
        return SqlValues.firstLong(
                postgres, database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'driftguard'");
    }

    /**
     * Gives {@code role} a password that the server asks for (the local servers trust everyone else): a wrong password
     * is then refused as on a real server.
     */
    private static void requirePassword(LocalPostgres postgres, String role) throws Exception {
        postgres.execute(
                "postgres",
                "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                        + role + " LOGIN PASSWORD 'the-right-one'; END IF; END$$");
        Path hba = postgres.dataDirectory().resolve("pg_hba.conf");
        String rule = "host all " + role + " 127.0.0.1/32 scram-sha-256";
        String current = Files.readString(hba);
        if (!current.contains(rule)) {
            Files.writeString(hba, rule + System.lineSeparator() + current, StandardOpenOption.TRUNCATE_EXISTING);
            postgres.execute("postgres", "SELECT pg_reload_conf()");
        }
    }

    /** A run in this JVM with what it logged to System.out/err meanwhile (the log appender writes there). */
    private record Run(CliRun cli, String logged) {

        private static final PrintStream OUT = System.out;
        private static final PrintStream ERR = System.err;

        static Run of(String... args) {
            ByteArrayOutputStream logged = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(logged, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            try {
                return new Run(CliRun.of(args), logged.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(OUT);
                System.setErr(ERR);
            }
        }
    }
}
