package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.pg.ConnectionSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** Runs the packaged jar exactly as {@code ./driftguard stack up --for ...} does, as a separate process. */
class StackUpITCase {

    private static final Path JAR = Path.of("target", "driftguard.jar");

    @Test
    void printsConnectionStringsReplicatesAndExitsCleanly() throws Exception {
        assertThat(JAR).as("the cli jar is built in the package phase").exists();
        Process stack = new ProcessBuilder(javaBin(), "-jar", JAR.toString(), "stack", "up", "--for", "25s")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            Map<String, String> printed = readLines(stack, List.of("source", "target", "kafka"));

            ConnectionSpec source = ConnectionSpec.parse(printed.get("source"));
            ConnectionSpec target = ConnectionSpec.parse(printed.get("target"));
            assertThat(source.port()).isNotEqualTo(target.port());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, printed.get("kafka")))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .hasSize(1);
            }

            execute(target, "CREATE TABLE accounts (id int PRIMARY KEY, owner text)");
            execute(source, "CREATE TABLE accounts (id int PRIMARY KEY, owner text)");
            execute(source, "INSERT INTO accounts VALUES (42, 'ada')");

            assertThat(awaitOwner(target, 42, Duration.ofSeconds(20))).isEqualTo("ada");

            assertThat(stack.waitFor(60, TimeUnit.SECONDS))
                    .as("stops by itself after --for")
                    .isTrue();
            assertThat(stack.exitValue()).isZero();
            assertThat(serversOf(stack.pid()))
                    .as("no postgres process of that stack is left")
                    .isEmpty();
        } finally {
            stack.destroyForcibly();
        }
    }

    private static Map<String, String> readLines(Process p, List<String> keys) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> values = new HashMap<>();
        String line;
        while (values.size() < keys.size() && (line = reader.readLine()) != null) {
            int eq = line.indexOf('=');
            if (eq > 0 && keys.contains(line.substring(0, eq))) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(values).as("lines printed by stack up").containsOnlyKeys(keys);
        return values;
    }

    private static void execute(ConnectionSpec spec, String sql) throws Exception {
        try (Connection c = spec.connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String awaitOwner(ConnectionSpec target, int id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = target.connect();
                Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT owner FROM accounts WHERE id = " + id)) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
                Thread.sleep(200);
            }
        }
        return null;
    }

    /** PostgreSQL processes whose command line names a data directory of the given JVM (local-stack's layout). */
    private static List<Long> serversOf(long jvmPid) {
        String marker = "/driftguard-pg/" + jvmPid + "-";
        return ProcessHandle.allProcesses()
                .filter(ph ->
                        ph.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(false))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static String javaBin() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
