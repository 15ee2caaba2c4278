package dev.driftguard.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftguard.avro.RowChange;
import dev.driftguard.avro.Side;
import dev.driftguard.capture.connect.ConnectDeployer;
import dev.driftguard.capture.connect.ConnectorConfig;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.prepare.CapturePreparer;
import dev.driftguard.capture.prepare.PrepareReport;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import dev.driftguard.stack.junit.LocalStackExtension;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-process Kafka Connect worker runs the Debezium connector with the driftguard transform, deployed through the
 * REST API the way {@code capture connect-config --deploy} does, next to the embedded capture of the same database:
 * both write the same canonical records for the same changes.
 */
@ExtendWith(LocalStackExtension.class)
class ConnectWorkerITCase {

    @Test
    void connectPluginWritesTheSameRecordsAsTheEmbeddedCapture(LocalPostgres pg, LocalKafka kafka, @TempDir Path dir)
            throws Exception {
        String db = pg.createUniqueDatabase("connect");
        pg.execute(
                db,
                "CREATE TABLE acct (id int PRIMARY KEY, owner text, balance numeric(12,2), opened timestamptz, tags text[])",
                "INSERT INTO acct VALUES (1, 'ann', 10.00, '2024-01-01 00:00:00+00', '{a,b}')");
        CaptureSettings viaConnect = CaptureFixture.settings("viaconnect", Side.SOURCE, pg.connectionSpec(db), "acct");
        CaptureSettings embedded = CaptureFixture.settings("embedded", Side.SOURCE, pg.connectionSpec(db), "acct");

        Connect<StandaloneHerder> worker = startWorker(kafka.bootstrapServers(), dir);
        try (EmbeddedCapture capture = CaptureFixture.startStreaming(embedded, kafka.bootstrapServers())) {
            PrepareReport prepared = new CapturePreparer(viaConnect, false).prepare();
            Map<String, String> config = ConnectorConfig.of(viaConnect, prepared, null);
            ConnectDeployer deployer = new ConnectDeployer(worker.rest().serverUrl());
            assertThat(deployer.deploy(config)).as("created").isTrue();
            assertThat(deployer.deploy(config))
                    .as("deploying again updates in place")
                    .isFalse();
            awaitSlotActive(pg, db, "dg_viaconnect_source");
            assertThat(capture.isRunning()).isTrue();

            pg.execute(
                    db,
                    "INSERT INTO acct VALUES (2, 'bob', 5.5, '2024-06-01 12:00:00.123456+02', NULL)",
                    "UPDATE acct SET balance = balance + 1.25, tags = '{c}' WHERE id = 1",
                    "UPDATE acct SET id = 3 WHERE id = 2",
                    "DELETE FROM acct WHERE id = 1",
                    "TRUNCATE acct");
            // the snapshot row, then insert, update, delete + insert (key update), delete, truncate
            List<RowChange> fromEmbedded = changes(kafka, "driftguard.embedded.source", 7);
            List<RowChange> fromConnect = changes(kafka, "driftguard.viaconnect.source", 7);
            assertThat(fromConnect).hasSize(fromEmbedded.size());
            for (int i = 0; i < fromEmbedded.size(); i++) {
                RowChange e = fromEmbedded.get(i);
                RowChange c = fromConnect.get(i);
                assertThat(c.getMigration()).isEqualTo("viaconnect");
                assertThat(c.getOp()).isEqualTo(e.getOp());
                assertThat(c.getKey()).isEqualTo(e.getKey());
                assertThat(c.getColumns()).isEqualTo(e.getColumns());
                assertThat(c.getRowHash()).isEqualTo(e.getRowHash());
                if (i > 0) {
                    // streamed changes come from the same WAL (the snapshots are taken at different moments)
                    assertThat(c.getPosition()).isEqualTo(e.getPosition());
                }
            }
        } finally {
            worker.stop();
        }
    }

    @Test
    void pluginJarHoldsTheTransformAndItsDependenciesButNotTheWorkersClasses() throws Exception {
        Path jar = Path.of("target", "driftguard-connect-plugin.jar");
        assertThat(jar).as("built in the package phase").exists();
        List<String> entries;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            entries = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
        }
        assertThat(entries)
                .contains(
                        "dev/driftguard/capture/connect/CanonicalRowChange.class",
                        "dev/driftguard/capture/convert/ChangeEventConverter.class",
                        "dev/driftguard/row/RowChangeCodec.class",
                        "dev/driftguard/avro/RowChange.class",
                        "org/apache/avro/Schema.class",
                        "org/postgresql/util/PGobject.class",
                        "META-INF/services/org.apache.kafka.connect.transforms.Transformation")
                .noneMatch(e -> e.startsWith("org/apache/kafka/") || e.startsWith("io/debezium/"))
                .noneMatch(e -> e.startsWith("dev/driftguard/capture/engine/"));
    }

    private static Connect<StandaloneHerder> startWorker(String bootstrap, Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> props = Map.of(
                "bootstrap.servers",
                bootstrap,
                "key.converter",
                "org.apache.kafka.connect.converters.ByteArrayConverter",
                "value.converter",
                "org.apache.kafka.connect.converters.ByteArrayConverter",
                "offset.storage.file.filename",
                dir.resolve("connect.offsets").toString(),
                "offset.flush.interval.ms",
                "1000",
                "listeners",
                "http://127.0.0.1:" + port);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return new ConnectStandalone().startConnect(props);
        } finally {
            Thread.currentThread().setContextClassLoader(loader);
        }
    }

    private static void awaitSlotActive(LocalPostgres pg, String db, String slot) throws Exception {
        long deadline = System.nanoTime() + CaptureFixture.TIMEOUT.toNanos();
        try (Connection c = pg.connect(db);
                PreparedStatement ps =
                        c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the connector never started streaming from slot " + slot);
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<RowChange> changes(LocalKafka kafka, String topic, int count) {
        return TopicRecords.readUntil(
                        kafka.bootstrapServers(), topic, TopicRecords.atLeast(count), Duration.ofSeconds(120))
                .stream()
                .map(TopicRecords.Captured::change)
                .toList();
    }
}
