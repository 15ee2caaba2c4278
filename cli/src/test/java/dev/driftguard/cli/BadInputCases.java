package dev.driftguard.cli;

import static dev.driftguard.cli.BadInputCase.of;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of {@link BadInputITCase}: bad values, missing and unknown options, unreachable servers and missing
 * objects for every command. Database URIs carry {@link #SECRET} as password (the local servers trust every
 * connection, except the {@code pwuser} role, which needs another password).
 */
final class BadInputCases {

    static final String SECRET = "s3cretPW";

    /** Exit codes (README "Exit codes"). */
    private static final int OK = 0;

    private static final int DIFF = 1;
    private static final int BAD = 2;

    private static final String CLOSED = "127.0.0.1:1";

    private final String host;
    private final String kafka;
    private final String source;
    private final String target;
    private final String empty;
    private final String audit;
    private final Path dir;
    private final List<BadInputCase> cases = new ArrayList<>();
    private int migrations;

    /**
     * {@code host} is {@code 127.0.0.1:PORT} of the local server; {@code source} and {@code target} hold table
     * {@code t} (equal) and {@code dup} (no key, one row differs); {@code empty} has no table; {@code audit} has an
     * audit store with migration {@code seeded}; {@code dir} is an empty directory to write to.
     */
    BadInputCases(String host, String kafka, String source, String target, String empty, String audit, Path dir) {
        this.host = host;
        this.kafka = kafka;
        this.source = source;
        this.target = target;
        this.empty = empty;
        this.audit = audit;
        this.dir = dir;
    }

    String uri(String database) {
        return "postgresql://postgres:" + SECRET + "@" + host + "/" + database;
    }

    private String mig() {
        return "bi" + (++migrations);
    }

    private static List<String> f(String... fragments) {
        return List.of(fragments);
    }

    private BadInputCase add(BadInputCase c) {
        cases.add(c);
        return c;
    }

    List<BadInputCase> all() {
        compare();
        connectionStrings();
        capture();
        captureSubcommands();
        validate();
        drifts();
        others();
        return List.copyOf(cases);
    }

    private String[] cmp(String... more) {
        List<String> args = new ArrayList<>(List.of("compare", "--source", uri(source), "--target", uri(target)));
        args.addAll(List.of("--progress", "none"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private void compare() {
        add(of("compare --threads 0", BAD, f("--threads", "between 1 and 64", "got 0"), cmp("--threads", "0")));
        add(of("compare --threads abc", BAD, f("--threads", "'abc'", "whole number"), cmp("--threads", "abc")));
        add(of("compare --threads 65", BAD, f("--threads", "between 1 and 64", "65"), cmp("--threads", "65")));
        add(of(
                "compare --recheck-delay 10x",
                BAD,
                f("--recheck-delay", "'10x'", "10s"),
                cmp("--recheck-delay", "10x")));
        add(of(
                "compare --statement-timeout -5s",
                BAD,
                f("--statement-timeout", "'-5s'", "10s"),
                cmp("--statement-timeout", "-5s")));
        add(of("compare --recheck-rounds -1", BAD, f("--recheck-rounds", "-1"), cmp("--recheck-rounds", "-1")));
        add(of("compare --max-differences 0", BAD, f("--max-differences", "got 0"), cmp("--max-differences", "0")));
        add(of(
                "compare --segment-rows 0",
                BAD,
                f("--segment-rows", "at least 100", "got 0"),
                cmp("--segment-rows", "0")));
        add(of(
                "compare --progress fancy",
                BAD,
                f("--progress", "'fancy'", "auto|bar|log|none"),
                "compare",
                "--source",
                uri(source),
                "--target",
                uri(target),
                "--progress",
                "fancy"));
        add(of(
                "compare without --target",
                BAD,
                f("Missing required option", "--target"),
                "compare",
                "--source",
                uri(source)));
        add(of(
                "compare without --source",
                BAD,
                f("Missing required option", "--source"),
                "compare",
                "--target",
                uri(target)));
        add(of("compare --bogus", BAD, f("Unknown option", "'--bogus'", "Usage"), cmp("--bogus")));
        add(of("compare --schema typo", BAD, f("pubic"), cmp("--schema", "pubic")));
        add(of(
                "compare of empty databases",
                BAD,
                f("public"),
                "compare",
                "--source",
                uri(empty),
                "--target",
                uri(empty),
                "--progress",
                "none"));
        add(of("compare --tables naming a missing table", BAD, f("nosuch"), cmp("--tables", "nosuch")));
        add(of(
                "compare --key on a non-unique column",
                DIFF,
                f("public.dup", "k"),
                cmp("--tables", "dup", "--key", "dup:k")));
        add(of("compare --key malformed", BAD, f("--key", "'t'", "table:column"), cmp("--key", "t")));
        add(of(
                "compare --key naming a missing column",
                DIFF,
                f("nosuchcol", "check --key"),
                cmp("--key", "t:nosuchcol")));
        add(of(
                "compare --where unbalanced parentheses",
                BAD,
                f("--where", "'(id > 1'", "balanced"),
                cmp("--where", "t:(id > 1")));
        add(of("compare --where with ;", BAD, f("--where", "';'"), cmp("--where", "t:id > 1; DROP TABLE t")));
        add(of("compare --where unclosed quote", BAD, f("--where", "quote"), cmp("--where", "t:v = 'x")));
        add(of(
                "compare --where without table",
                BAD,
                f("--where", "'id > 1'", "table:predicate"),
                cmp("--where", "id > 1")));
        add(of("compare --where on a missing table", BAD, f("nosuch"), cmp("--where", "nosuch:id > 1")));
        add(of(
                "compare --exclude-columns missing column",
                BAD,
                f("nosuchcol"),
                cmp("--exclude-columns", "t.nosuchcol")));
        add(of(
                "compare --exclude-columns malformed",
                BAD,
                f("--exclude-columns", "nodots"),
                cmp("--exclude-columns", "nodots")));
        Path missingDir = dir.resolve("no-such-dir");
        add(of(
                        "compare --json into a missing directory",
                        BAD,
                        f("--json", missingDir.toString(), "create it"),
                        cmp("--json", missingDir.resolve("r.json").toString()))
                .leavesNoFile(missingDir));
        add(of(
                        "compare --html into a missing directory",
                        BAD,
                        f("--html", missingDir.toString(), "create it"),
                        cmp("--html", missingDir.resolve("r.html").toString()))
                .leavesNoFile(missingDir));
        add(of(
                "compare --json onto a directory",
                BAD,
                f("--json", "is a directory", "give a file path"),
                cmp("--json", dir.toString())));
        add(of(
                "compare --html onto a directory",
                BAD,
                f("--html", "is a directory", "give a file path"),
                cmp("--html", dir.toString())));
        Path report = dir.resolve("failed-run.json");
        add(of(
                        "compare failing leaves no report",
                        BAD,
                        f("nosuch"),
                        cmp("--tables", "nosuch", "--json", report.toString()))
                .leavesNoFile(report));
        add(of(
                "compare --resume without --audit-db",
                BAD,
                f("--resume cmp-1", "needs --audit-db"),
                cmp("--resume", "cmp-1")));
        add(of(
                        "compare --audit-db without --migration",
                        BAD,
                        f("--audit-db", "needs --migration"),
                        cmp("--audit-db", uri(empty)))
                .leavesNothingIn(empty, "none"));
        add(of(
                "compare --migration without --audit-db",
                BAD,
                f("--migration", "--audit-db"),
                cmp("--migration", "m1")));
        String m = mig();
        add(of(
                        "compare --resume of an unknown run",
                        BAD,
                        f("cmp-unknown", "audit store", "--audit-db"),
                        cmp("--audit-db", uri(empty), "--migration", m, "--resume", "cmp-unknown"))
                .leavesNothingIn(empty, m));
        add(of(
                "compare --audit-db unreachable",
                BAD,
                f(CLOSED, "check host, port"),
                cmp("--audit-db", "postgresql://postgres:" + SECRET + "@" + CLOSED + "/a", "--migration", "m1")));
        add(of(
                "compare --migration that cannot name topics",
                BAD,
                f("--migration", "'a/b'", "[A-Za-z0-9._-]"),
                cmp("--audit-db", uri(audit), "--migration", "a/b")));
    }

    private void connectionStrings() {
        String t = uri(target);
        add(of(
                "uri without host",
                BAD,
                f(":1", "check host, port"),
                "compare",
                "--source",
                "postgresql://postgres:" + SECRET + "@:1/db",
                "--target",
                t));
        add(of(
                "uri with port 99999",
                BAD,
                f("--source", "'99999'", "1 to 65535"),
                "compare",
                "--source",
                "postgresql://postgres:" + SECRET + "@127.0.0.1:99999/db",
                "--target",
                t));
        add(of(
                "uri with port abc",
                BAD,
                f("--source", "abc"),
                "compare",
                "--source",
                "postgresql://postgres:" + SECRET + "@127.0.0.1:abc/db",
                "--target",
                t));
        add(of(
                "uri with a raw @ in the password",
                BAD,
                f(CLOSED, "check host, port"),
                "compare",
                "--source",
                "postgresql://postgres:s3c@retPW@" + CLOSED + "/db",
                "--target",
                t));
        add(of(
                "uri with an unclosed [",
                BAD,
                f("--source", "no closing ']'", "[address]"),
                "compare",
                "--source",
                "postgresql://postgres:" + SECRET + "@[::1/db",
                "--target",
                t));
        add(of(
                "uri with an unknown scheme",
                BAD,
                f("--source", "mysql://", "expected postgresql://"),
                "compare",
                "--source",
                "mysql://postgres:" + SECRET + "@127.0.0.1/db",
                "--target",
                t));
        add(of(
                "jdbc url with an unknown subprotocol",
                BAD,
                f("--target", "jdbc:mysql", "jdbc:postgresql://"),
                "compare",
                "--source",
                uri(source),
                "--target",
                "jdbc:mysql://127.0.0.1/db?password=" + SECRET));
        add(of(
                "unreachable database",
                BAD,
                f(CLOSED, "check host, port"),
                "compare",
                "--source",
                "postgresql://postgres:" + SECRET + "@" + CLOSED + "/db",
                "--target",
                t));
        add(of(
                "database that does not exist",
                BAD,
                f("nosuchdb_bi"),
                "compare",
                "--source",
                uri("nosuchdb_bi"),
                "--target",
                t));
        add(of(
                "wrong password",
                BAD,
                f("pwuser", "password"),
                "compare",
                "--source",
                "postgresql://pwuser:" + SECRET + "@" + host + "/" + source,
                "--target",
                t));
        add(of(
                "role that does not exist",
                BAD,
                f("nosuchrole"),
                "compare",
                "--source",
                "postgresql://nosuchrole:" + SECRET + "@" + host + "/" + source,
                "--target",
                t));
        add(of(
                "uri with an unsupported parameter",
                BAD,
                f("--source", "bogusparam"),
                "compare",
                "--source",
                uri(source) + "?bogusparam=1",
                "--target",
                t));
        add(of(
                "uri with sslmode typo",
                BAD,
                f("requir", "sslmode"),
                "compare",
                "--source",
                uri(source) + "?sslmode=requir",
                "--target",
                t));
    }

    private String[] cap(String command, String migration, String... more) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--migration", migration, "--side", "source", "--db", uri(source)));
        if (command.equals("capture")) {
            args.addAll(List.of("--kafka", kafka));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /**
     * A case of {@code command} (capture or a subcommand) on the source database with a migration id of its own, after
     * which no slot or publication of that id is left.
     */
    private BadInputCase leavesNothing(
            String name, int exitCode, List<String> fragments, String command, String... more) {
        String m = mig();
        return of(name, exitCode, fragments, cap(command, m, more)).leavesNothingIn(source, m);
    }

    private void capture() {
        add(of(
                "capture --side middle",
                BAD,
                f("--side", "'middle'", "source or target"),
                "capture",
                "--migration",
                "m1",
                "--side",
                "middle",
                "--db",
                uri(source),
                "--kafka",
                kafka,
                "--schema",
                "public"));
        add(of(
                "capture --snapshot sometimes",
                BAD,
                f("--snapshot", "'sometimes'", "initial or no_data"),
                cap("capture", "m1", "--schema", "public", "--snapshot", "sometimes")));
        add(of(
                "capture --offsets bogus",
                BAD,
                f("--offsets", "'bogus'", "kafka or file:PATH"),
                cap("capture", "m1", "--schema", "public", "--offsets", "bogus")));
        add(of(
                "capture --offsets file: without path",
                BAD,
                f("--offsets", "file:"),
                cap("capture", "m1", "--schema", "public", "--offsets", "file:")));
        add(of(
                "capture --tables and --schema",
                BAD,
                f("--tables", "--schema", "not both"),
                cap("capture", "m1", "--schema", "public", "--tables", "public.t")));
        add(of(
                "capture without --tables or --schema",
                BAD,
                f("give either --tables", "--schema"),
                cap("capture", "m1")));
        add(of(
                "capture --migration with a slash",
                BAD,
                f("--migration", "'bad/id'", "[A-Za-z0-9._-]"),
                cap("capture", "bad/id", "--schema", "public")));
        add(of(
                "capture --migration too long",
                BAD,
                f("--migration", "1-100 characters"),
                cap("capture", "m".repeat(101), "--schema", "public")));
        add(of(
                "capture --migration starting with a dot",
                BAD,
                f("--migration", "'.m'", "starting with a letter"),
                cap("capture", ".m", "--schema", "public")));
        add(of(
                "capture --heartbeat-interval 10x",
                BAD,
                f("--heartbeat-interval", "'10x'", "10s"),
                cap("capture", "m1", "--schema", "public", "--heartbeat-interval", "10x")));
        add(of(
                "capture --heartbeat-interval -5s",
                BAD,
                f("--heartbeat-interval", "'-5s'"),
                cap("capture", "m1", "--schema", "public", "--heartbeat-interval", "-5s")));
        add(of(
                "capture --partitions 0",
                BAD,
                f("--partitions", "got 0"),
                cap("capture", "m1", "--schema", "public", "--partitions", "0")));
        add(of(
                "capture --replication-factor abc",
                BAD,
                f("--replication-factor", "'abc'"),
                cap("capture", "m1", "--schema", "public", "--replication-factor", "abc")));
        add(of(
                "capture --exclude-columns malformed",
                BAD,
                f("nodots", "schema.table.column"),
                cap("capture", "m1", "--schema", "public", "--exclude-columns", "nodots")));
        add(of(
                "capture without --db",
                BAD,
                f("--db"),
                "capture",
                "--migration",
                "m1",
                "--side",
                "source",
                "--kafka",
                kafka,
                "--schema",
                "public"));
        add(of(
                "capture without --kafka",
                BAD,
                f("--kafka"),
                "capture",
                "--migration",
                "m1",
                "--side",
                "source",
                "--db",
                uri(source),
                "--schema",
                "public"));
        add(leavesNothing(
                "capture of a table that does not exist",
                BAD,
                f("public.nosuch"),
                "capture",
                "--tables",
                "public.nosuch"));
        add(leavesNothing(
                "capture --schema that does not exist", BAD, f("nosuchschema"), "capture", "--schema", "nosuchschema"));
        add(of(
                "capture --kafka-config missing file",
                BAD,
                f("--kafka-config", "missing.properties", "does not exist"),
                cap(
                        "capture",
                        "m1",
                        "--schema",
                        "public",
                        "--kafka-config",
                        dir.resolve("missing.properties").toString())));
        add(of(
                "capture --kafka-config setting bootstrap.servers",
                BAD,
                f("bootstrap.servers", "--kafka"),
                cap(
                        "capture",
                        "m1",
                        "--schema",
                        "public",
                        "--kafka-config",
                        dir.resolve("bootstrap.properties").toString())));
        add(of(
                "capture --kafka-config with an unset ${env:...}",
                BAD,
                f("DRIFTGUARD_BI_UNSET"),
                cap(
                        "capture",
                        "m1",
                        "--schema",
                        "public",
                        "--kafka-config",
                        dir.resolve("unset-env.properties").toString())));
        String m = mig();
        add(of(
                "capture with an unreachable database",
                BAD,
                f(CLOSED, "check host, port"),
                "capture",
                "--migration",
                m,
                "--side",
                "source",
                "--db",
                "postgresql://postgres:" + SECRET + "@" + CLOSED + "/db",
                "--kafka",
                kafka,
                "--schema",
                "public"));
        m = mig();
        add(of(
                        "capture with unreachable Kafka",
                        BAD,
                        f(CLOSED, "--kafka"),
                        "capture",
                        "--migration",
                        m,
                        "--side",
                        "source",
                        "--db",
                        uri(source),
                        "--kafka",
                        CLOSED,
                        "--tables",
                        "public.t")
                .leavesNothingIn(source, m));
    }

    private void captureSubcommands() {
        add(of(
                "capture prepare --side middle",
                BAD,
                f("--side", "'middle'"),
                "capture",
                "prepare",
                "--migration",
                "m1",
                "--side",
                "middle",
                "--db",
                uri(source),
                "--schema",
                "public"));
        add(leavesNothing(
                "capture prepare of a missing table",
                BAD,
                f("public.nosuch"),
                "capture prepare",
                "--tables",
                "public.nosuch"));
        String m = mig();
        add(of(
                "capture prepare of a missing database",
                BAD,
                f("nosuchdb_bi"),
                "capture",
                "prepare",
                "--migration",
                m,
                "--side",
                "source",
                "--db",
                uri("nosuchdb_bi"),
                "--schema",
                "public"));
        add(of(
                "capture prepare --migration with a space",
                BAD,
                f("--migration", "'a b'"),
                cap("capture prepare", "a b", "--schema", "public")));
        add(of(
                "capture prepare --bogus",
                BAD,
                f("Unknown option", "'--bogus'"),
                cap("capture prepare", "m1", "--schema", "public", "--bogus")));
        m = mig();
        add(of("capture cleanup with nothing to clean", OK, f("did not exist"), cap("capture cleanup", m))
                .leavesNothingIn(source, m));
        add(of(
                "capture cleanup without --db",
                BAD,
                f("--db"),
                "capture",
                "cleanup",
                "--migration",
                "m1",
                "--side",
                "source"));
        add(of(
                "capture cleanup --side middle",
                BAD,
                f("--side", "'middle'"),
                "capture",
                "cleanup",
                "--migration",
                "m1",
                "--side",
                "middle",
                "--db",
                uri(source)));
        add(of(
                "capture cleanup with an unreachable database",
                BAD,
                f(CLOSED, "check host, port"),
                "capture",
                "cleanup",
                "--migration",
                "m1",
                "--side",
                "source",
                "--db",
                "postgresql://postgres:" + SECRET + "@" + CLOSED + "/db"));
        add(leavesNothing(
                "capture connect-config with unreachable Connect",
                BAD,
                f("http://127.0.0.1:1", "--deploy"),
                "capture connect-config",
                "--tables",
                "public.t",
                "--deploy",
                "http://" + CLOSED));
        add(leavesNothing(
                "capture connect-config --deploy notaurl",
                BAD,
                f("--deploy", "'notaurl'", "http://"),
                "capture connect-config",
                "--tables",
                "public.t",
                "--deploy",
                "notaurl"));
        add(leavesNothing(
                "capture connect-config --deploy ftp://",
                BAD,
                f("--deploy", "ftp://x", "http://"),
                "capture connect-config",
                "--tables",
                "public.t",
                "--deploy",
                "ftp://x"));
        add(of(
                "capture connect-config without --side",
                BAD,
                f("--side"),
                "capture",
                "connect-config",
                "--migration",
                "m1",
                "--db",
                uri(source),
                "--schema",
                "public"));
    }

    private String[] val(String... more) {
        List<String> args = new ArrayList<>(List.of("validate", "--migration", "bival", "--kafka", kafka));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private void validate() {
        add(of(
                "validate with unreachable Kafka",
                BAD,
                f(CLOSED, "--kafka"),
                "validate",
                "--migration",
                "bival",
                "--kafka",
                CLOSED,
                "--checkpoint-dir",
                dir.resolve("cp1").toString()));
        Path file = dir.resolve("a-file");
        add(of(
                "validate --checkpoint-dir that is a file",
                BAD,
                f("--checkpoint-dir", file.toString()),
                val("--checkpoint-dir", file.toString())));
        add(of("validate --tolerance 0s", BAD, f("--tolerance", "at least 1ms", "0ms"), val("--tolerance", "0s")));
        add(of("validate --tolerance 10x", BAD, f("--tolerance", "'10x'"), val("--tolerance", "10x")));
        add(of(
                "validate --lag-window shorter than --status-interval",
                BAD,
                f("--lag-window", "1s", "--status-interval", "at least as long"),
                val("--lag-window", "1s", "--status-interval", "10s")));
        add(of(
                "validate --idle-key-retention equal to --tolerance",
                BAD,
                f("--idle-key-retention", "10s", "--tolerance", "longer"),
                val("--idle-key-retention", "10s", "--tolerance", "10s")));
        add(of(
                "validate --max-failed-checkpoints 0",
                BAD,
                f("--max-failed-checkpoints", "got 0"),
                val("--max-failed-checkpoints", "0")));
        add(of(
                "validate --state-backend memory",
                BAD,
                f("--state-backend", "'memory'", "hashmap or rocksdb"),
                val("--state-backend", "memory")));
        add(of("validate --parallelism -1", BAD, f("--parallelism", "-1"), val("--parallelism", "-1")));
        add(of("validate --parallelism abc", BAD, f("--parallelism", "'abc'"), val("--parallelism", "abc")));
        add(of(
                "validate --checkpoint-interval -5s",
                BAD,
                f("--checkpoint-interval", "'-5s'"),
                val("--checkpoint-interval", "-5s")));
        add(of("validate --status-interval 0s", BAD, f("--status-interval", "0"), val("--status-interval", "0s")));
        add(of("validate --for 10x", BAD, f("--for", "'10x'"), val("--for", "10x")));
        add(of(
                "validate without --migration",
                BAD,
                f("Missing required option", "--migration"),
                "validate",
                "--kafka",
                kafka));
        add(of("validate without --kafka", BAD, f("--kafka"), "validate", "--migration", "bival"));
        add(of(
                "validate --migration with a slash",
                BAD,
                f("--migration", "'bad/id'"),
                "validate",
                "--migration",
                "bad/id",
                "--kafka",
                kafka));
        add(of(
                "validate --kafka-config missing file",
                BAD,
                f("--kafka-config", "missing.properties", "does not exist"),
                val("--kafka-config", dir.resolve("missing.properties").toString())));
        add(of(
                "validate --audit-db with an unknown scheme",
                BAD,
                f("mysql://", "expected postgresql://"),
                val("--audit-db", "mysql://postgres:" + SECRET + "@127.0.0.1/db")));
    }

    private void drifts() {
        add(of(
                        "drifts against a database without the audit store",
                        BAD,
                        f(source, "audit store"),
                        "drifts",
                        "--migration",
                        "bidrifts",
                        "--audit-db",
                        uri(source))
                .leavesNothingIn(source, "bidrifts"));
        add(of(
                "drifts of an unknown migration",
                BAD,
                f("nosuchmigration"),
                "drifts",
                "--migration",
                "nosuchmigration",
                "--audit-db",
                uri(audit)));
        add(of(
                "drifts --origin x",
                BAD,
                f("--origin", "'x'", "all|stream|batch"),
                "drifts",
                "--migration",
                "seeded",
                "--audit-db",
                uri(audit),
                "--origin",
                "x"));
        add(of(
                "drifts without --audit-db",
                BAD,
                f("Missing required option", "--audit-db"),
                "drifts",
                "--migration",
                "seeded"));
        add(of(
                "drifts with an unreachable audit store",
                BAD,
                f(CLOSED, "check host, port"),
                "drifts",
                "--migration",
                "seeded",
                "--audit-db",
                "postgresql://postgres:" + SECRET + "@" + CLOSED + "/a"));
        add(of(
                "drifts --migration with a slash",
                BAD,
                f("--migration", "'a/b'"),
                "drifts",
                "--migration",
                "a/b",
                "--audit-db",
                uri(audit)));
    }

    private void others() {
        add(of("stack up --for 10x", BAD, f("--for", "'10x'", "10s"), "stack", "up", "--for", "10x"));
        add(of("stack up --for -5s", BAD, f("--for", "'-5s'"), "stack", "up", "--for", "-5s"));
        add(of("stack down (unknown subcommand)", BAD, f("'down'"), "stack", "down"));
        add(of("demo --rate 0", BAD, f("--rate 0", "1 to 5000"), "demo", "--rate", "0"));
        add(of("demo --rate abc", BAD, f("--rate", "'abc'"), "demo", "--rate", "abc"));
        add(of("demo --rate 99999", BAD, f("--rate 99999", "1 to 5000"), "demo", "--rate", "99999"));
        add(of("demo --workload-for 1s", BAD, f("--workload-for", "at least 5 s"), "demo", "--workload-for", "1s"));
        add(of("demo --tolerance -1s", BAD, f("--tolerance", "'-1s'"), "demo", "--tolerance", "-1s"));
        add(of("version --bogus", BAD, f("Unknown option", "'--bogus'"), "version", "--bogus"));
        add(of("unknown command", BAD, f("'bogus'"), "bogus"));
    }
}
