package dev.driftguard.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftguard.cli.DriftguardCommand;
import dev.driftguard.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code driftguard demo} in this JVM with short durations: the whole pipeline on a real PostgreSQL pair, Kafka,
 * Debezium and Flink; the three injected drifts are found and resolved, batch compare ends identical, and every server
 * and thread the demo started is gone when it returns.
 */
class DemoITCase {

    private static final Pattern SOURCE = Pattern.compile("source {2}postgresql://[^@]+@([\\d.]+):(\\d+)/driftguard");
    private static final Pattern TARGET = Pattern.compile("target {2}postgresql://[^@]+@([\\d.]+):(\\d+)/driftguard");
    private static final Pattern KAFKA = Pattern.compile("kafka {3}([\\d.]+):(\\d+)");

    @Test
    void findsAndResolvesTheInjectedDriftAndEndsIdentical(@TempDir Path reports) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine demo = DriftguardCommand.newCommandLine();
        demo.setOut(new PrintWriter(out, true));
        demo.setErr(new PrintWriter(err, true));

        int exitCode =
                demo.execute("demo", "--workload-for", "15s", "--tolerance", "3s", "--reports-dir", reports.toString());

        String output = out.toString();
        assertThat(exitCode).as(output + err).isEqualTo(ExitCodes.OK);
        assertThat(output)
                .containsPattern("found +VALUE_MISMATCH public\\.accounts id=7: balance: source \\S+, target \\S+")
                .containsPattern("found +MISSING_ON_TARGET public\\.orders order_id=[0-9a-f-]{36}")
                .containsPattern("found +EXTRA_ON_TARGET public\\.orders order_id=[0-9a-f-]{36}")
                .containsPattern("RESOLVED public\\.accounts id=7")
                .contains("drifts            3 injected, 3 found")
                .contains(", 3 resolved")
                .contains(", 0 other")
                .contains("audit store       3 stream findings, 3 resolved")
                .contains("batch compare     accounts identical, orders identical")
                .contains("Result: OK");

        Path reportDir = onlyReportDirectory(reports);
        assertThat(reportDir.resolve("compare.html")).isNotEmptyFile();
        JsonNode json =
                new ObjectMapper().readTree(reportDir.resolve("compare.json").toFile());
        assertThat(json.get("tables")).hasSize(2);
        json.get("tables")
                .forEach(table -> assertThat(table.get("status").asText()).isEqualTo("identical"));

        for (Pattern server : List.of(SOURCE, TARGET, KAFKA)) {
            Matcher m = server.matcher(output);
            assertThat(m.find()).as("%s printed in%n%s", server, output).isTrue();
            assertThat(accepts(m.group(1), Integer.parseInt(m.group(2))))
                    .as("%s:%s is closed after the demo", m.group(1), m.group(2))
                    .isFalse();
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(Thread::isAlive)
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("driftguard-capture-") || name.startsWith("driftguard-demo-"));
    }

    private static Path onlyReportDirectory(Path reports) throws IOException {
        try (Stream<Path> dirs = Files.list(reports)) {
            List<Path> all = dirs.toList();
            assertThat(all)
                    .singleElement()
                    .satisfies(dir -> assertThat(dir.getFileName().toString()).startsWith("demo-"));
            return all.get(0);
        }
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
