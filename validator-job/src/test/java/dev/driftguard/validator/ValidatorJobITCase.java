package dev.driftguard.validator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.audit.Finding;
import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.avro.ValidationStatus;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The validator job in a Flink MiniCluster, reading and writing the in-process Kafka, writing the audit store. */
@ExtendWith(LocalStackExtension.class)
class ValidatorJobITCase {

    private static final int PROMETHEUS_PORT = freePort();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .setConfiguration(prometheusReporter(PROMETHEUS_PORT))
            .build());

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void reportsExactlyTheDriftsThenTheirResolutionToKafkaAndTheAuditStore(
            LocalKafka kafka, LocalPostgres postgres, @TempDir Path checkpoints) throws Exception {
        String migration = "it-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTopics topics = new KafkaTopics(kafka, migration, 2);
        String auditDb = postgres.uri(postgres.createUniqueDatabase("validator_audit"));
        TestChanges src = TestChanges.of(migration, Side.SOURCE, false);
        TestChanges tgt = TestChanges.of(migration, Side.TARGET, false);

        List<RowChange> sourceChanges = new ArrayList<>();
        List<RowChange> targetChanges = new ArrayList<>();
        for (int id = 1; id <= 50; id++) {
            sourceChanges.add(src.insert(id, 100 + id, "id", Integer.toString(id), "status", "new"));
            if (id != 8) {
                String status = id == 7 ? "broken" : "new";
                targetChanges.add(tgt.insert(id, 1000 + id, "id", Integer.toString(id), "status", status));
            }
        }
        targetChanges.add(tgt.insert(99, 2000, "id", "99", "status", "rogue"));

        ValidatorLaunch launch = TestLaunches.fastCheckpoints(
                migration, Duration.ofSeconds(2), kafka.bootstrapServers(), auditDb, checkpoints);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(launch.flinkConfiguration());
        launch.addTo(env);
        JobClient job = env.executeAsync("validator " + migration);
        try {
            topics.send(sourceChanges);
            topics.send(targetChanges);

            List<DriftEvent> drifts = topics.awaitDrifts(events -> events.size() >= 3, WAIT);
            Map<String, DriftEvent> byKey = byKey(drifts);
            assertThat(byKey).containsOnlyKeys("7", "8", "99");
            assertThat(byKey.get("7").getKind()).isEqualTo(DriftKind.VALUE_MISMATCH);
            assertThat(byKey.get("7").getColumns()).containsExactly("status");
            assertThat(byKey.get("8").getKind()).isEqualTo(DriftKind.MISSING_ON_TARGET);
            assertThat(byKey.get("99").getKind()).isEqualTo(DriftKind.EXTRA_ON_TARGET);

            topics.send(List.of(
                    tgt.update(7, 3000, "id", "7", "status", "new"),
                    tgt.insert(8, 3001, "id", "8", "status", "new"),
                    tgt.delete(99, 3002)));

            List<DriftEvent> all = topics.awaitDrifts(events -> events.size() >= 6, WAIT);
            assertThat(all).hasSize(6);
            List<DriftEvent> resolved =
                    all.stream().filter(e -> e.getKind() == DriftKind.RESOLVED).toList();
            assertThat(resolved)
                    .extracting(DriftEvent::getDriftId)
                    .containsExactlyInAnyOrderElementsOf(
                            drifts.stream().map(DriftEvent::getDriftId).toList());

            List<ValidationStatus> statuses = topics.awaitStatuses(
                    s -> s.stream()
                            .anyMatch(status -> status.getTable() == null
                                    && status.getOpenDrifts() == 0
                                    && status.getEventsSource() == 50
                                    && status.getEventsTarget() == 53),
                    WAIT);
            assertMetrics(migration);
            ValidationStatus orders = statuses.stream()
                    .filter(s -> "orders".equals(s.getTable()))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(orders.getSchema$()).isEqualTo("public");
            assertThat(orders.getKeysTracked()).isEqualTo(51);
            assertThat(orders.getLastEventSourceMicros()).isNotNull();

            try (AuditStore store = AuditStore.open(postgres.connectionSpec(dbName(auditDb)))) {
                List<Finding> findings = awaitFindings(store, migration, 3);
                assertThat(findings).allSatisfy(f -> {
                    assertThat(f.origin()).isEqualTo(Finding.Origin.STREAM);
                    assertThat(f.resolution()).isEqualTo("RESOLVED");
                });
                assertThat(findings).extracting(f -> f.key().values().get(0)).containsExactlyInAnyOrder("7", "8", "99");
                assertThat(store.findings(migration, true)).isEmpty();
                awaitStatusRow(store, migration);
            }
        } finally {
            job.cancel().get();
        }
    }

    /** The detector's metrics as Flink's Prometheus reporter serves them, summed over the detector's subtasks. */
    private static void assertMetrics(String migration) throws Exception {
        // The reporter turns every character of a label value outside [a-zA-Z0-9:_] into '_'.
        String job = "job_name=\"" + ("validator " + migration).replaceAll("[^a-zA-Z0-9:_]", "_") + "\"";
        List<String> lines = scrape().lines()
                .filter(line -> line.startsWith("flink_taskmanager_job_task_operator_driftguard_"))
                .filter(line -> line.contains(job))
                .toList();
        assertThat(sum(lines, "eventsSource")).isEqualTo(50);
        assertThat(sum(lines, "eventsTarget")).isEqualTo(53);
        assertThat(sum(lines, "driftsDetected")).isEqualTo(3);
        assertThat(sum(lines, "driftsResolved")).isEqualTo(3);
        assertThat(sum(lines, "openDrifts")).isZero();
        assertThat(sum(lines, "keysTracked")).isEqualTo(51);
        assertThat(lines)
                .anyMatch(line -> line.startsWith("flink_taskmanager_job_task_operator_driftguard_lagMillis{")
                        && line.contains("quantile=\"0.99\""));
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PROMETHEUS_PORT + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double sum(List<String> lines, String metric) {
        String prefix = "flink_taskmanager_job_task_operator_driftguard_" + metric + "{";
        return lines.stream()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Configuration prometheusReporter(int port) {
        Configuration config = new Configuration();
        config.setString(
                "metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        config.setString("metrics.reporter.prom.port", Integer.toString(port));
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the Prometheus reporter", e);
        }
    }

    private static Map<String, DriftEvent> byKey(List<DriftEvent> drifts) {
        return drifts.stream()
                .collect(Collectors.toMap(
                        d -> d.getKey().stream()
                                .map(KeyPart::getValue)
                                .findFirst()
                                .orElseThrow(),
                        Function.identity()));
    }

    private static String dbName(String uri) {
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    private static List<Finding> awaitFindings(AuditStore store, String migration, int resolvedCount)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<Finding> findings = store.findings(migration, false);
            if (findings.size() == resolvedCount && findings.stream().noneMatch(Finding::isOpen)) {
                return findings;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "audit store findings did not reach " + resolvedCount + " resolved: " + findings);
            }
            Thread.sleep(200);
        }
    }

    private static void awaitStatusRow(AuditStore store, String migration) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (Connection c = store.connection();
                    PreparedStatement ps = c.prepareStatement("SELECT open_drifts, events_source, events_target"
                            + " FROM driftguard.validation_status WHERE migration_id = ?"
                            + " AND schema_name = '' AND table_name = ''")) {
                ps.setString(1, migration);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) == 0 && rs.getLong(2) == 50 && rs.getLong(3) == 53) {
                        return;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("validation_status of " + migration + " did not show the final counts");
            }
            Thread.sleep(200);
        }
    }
}
