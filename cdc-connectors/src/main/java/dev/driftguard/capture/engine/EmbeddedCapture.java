package dev.driftguard.capture.engine;

import dev.driftguard.capture.CaptureNames;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.connect.CanonicalRowChange;
import dev.driftguard.capture.connect.ConnectorConfig;
import dev.driftguard.capture.debezium.DebeziumSettings;
import dev.driftguard.capture.prepare.CapturePreparer;
import dev.driftguard.capture.prepare.PrepareReport;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.pg.Polling;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side's capture inside this process: prepares the database, then runs the Debezium PostgreSQL connector in the
 * Debezium (async) engine and delivers canonical RowChange records to Kafka. {@link #close()} stops it gracefully
 * (flushing offsets); a crash loses nothing that Kafka acknowledged, since offsets trail acknowledgements.
 */
public final class EmbeddedCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCapture.class);

    private final EmbeddedCaptureConfig config;
    private final PrepareReport prepared;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaChangeConsumer consumer;
    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Thread runner;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedCapture(EmbeddedCaptureConfig config, PrepareReport prepared, int partitions) {
        this.config = config;
        this.prepared = prepared;
        CaptureSettings settings = config.settings();
        CaptureNames names = settings.names();
        this.producer = new KafkaProducer<>(producerProperties(config, names));
        this.consumer = new KafkaChangeConsumer(producer, names.topic(), partitions);
        try {
            this.engine = buildEngine(config, prepared, names);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.runner = new Thread(engine, "driftguard-capture-" + names.slotName());
    }

    private DebeziumEngine<RecordChangeEvent<SourceRecord>> buildEngine(
            EmbeddedCaptureConfig config, PrepareReport prepared, CaptureNames names) {
        return DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineProperties(config, prepared))
                .notifying(consumer)
                .using(consumer.commitPolicy(config.offsetFlushInterval()))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.complete(null);
                    }
                })
                .using((success, message, error) -> {
                    if (success) {
                        completion.complete(null);
                    } else {
                        CaptureFailedException failure = new CaptureFailedException(
                                "capture of " + names.migration() + " " + names.sideName() + " stopped: "
                                        + (error != null && error.getMessage() != null ? error.getMessage() : message),
                                error);
                        completion.completeExceptionally(failure);
                        started.completeExceptionally(failure);
                    }
                })
                .build();
    }

    /**
     * Checks what capture depends on (the offsets file's directory, Kafka: the record topic is created if needed), then
     * prepares the database (idempotent) and starts the engine in a background thread. Nothing touches the database
     * before the other dependencies are known to work; a start that fails after preparing drops the slot and
     * publication it created (a slot nobody reads pins WAL), or says what is left and how to remove it.
     */
    public static EmbeddedCapture start(EmbeddedCaptureConfig config) {
        checkOffsetFile(config.offsets());
        int partitions = CaptureTopics.ensure(config, config.settings().names());
        PrepareReport prepared = new CapturePreparer(config.settings(), config.setReplicaIdentityFull()).prepare();
        EmbeddedCapture capture;
        try {
            capture = new EmbeddedCapture(config, prepared, partitions);
        } catch (RuntimeException e) {
            throw PreparedUndo.undo(config.settings(), prepared, e);
        }
        LOG.info(
                "capturing {} into topic {} (slot {}, publication {}, tables {})",
                config.settings().database(),
                config.settings().names().topic(),
                prepared.slot(),
                prepared.publication(),
                prepared.capturedTables());
        capture.runner.start();
        return capture;
    }

    public PrepareReport prepared() {
        return prepared;
    }

    /** The directory of an offsets file must exist and be writable: found out now, not after the database is prepared. */
    private static void checkOffsetFile(OffsetStore offsets) {
        if (offsets instanceof OffsetStore.File file) {
            Path dir = file.path().toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
                throw new IllegalArgumentException(EmbeddedCaptureConfig.OFFSETS.option() + " file:" + file.path()
                        + ": directory " + dir + " does not exist or is not writable; create it or choose another"
                        + " path");
            }
            if (Files.isDirectory(file.path())) {
                throw new IllegalArgumentException(EmbeddedCaptureConfig.OFFSETS.option() + " file:" + file.path()
                        + " is a directory; name a file in it");
            }
        }
    }

    /** Row changes Kafka acknowledged since start. */
    public long delivered() {
        return consumer.delivered();
    }

    /** Delivery counters since start (for progress output and the benchmark). */
    public DeliveryStats stats() {
        return consumer.stats();
    }

    /** Waits until the connector task runs (snapshot or streaming started). */
    public void awaitStarted(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (CaptureFailedException) e.getCause();
        }
    }

    /**
     * Waits until the snapshot (if any) is done, the change stream runs (the slot is held by this capture's WAL sender)
     * and a change-stream position is in the offset store. Changes committed after this returns are streamed, also
     * across a crash: a restart resumes the stream instead of taking a new snapshot. On an idle database the first
     * stored position is the first heartbeat's, up to the heartbeat interval after start.
     */
    public void awaitStreaming(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            awaitStreamingStarted(timeout);
        } catch (CaptureFailedException e) {
            // The engine stopped before it streamed: nothing reads the slot this run may have created.
            close();
            throw PreparedUndo.undo(config.settings(), prepared, e);
        }
    }

    private void awaitStreamingStarted(Duration timeout) throws InterruptedException, TimeoutException {
        long started = System.nanoTime();
        awaitStarted(timeout);
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        String slot = config.settings().names().slotName();
        try (Connection c = config.settings().database().connect();
                PreparedStatement ps =
                        c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            boolean streaming = Polling.until(left, Duration.ofMillis(50), () -> {
                if (completion.isDone()) {
                    awaitTermination();
                    throw new CaptureFailedException("capture stopped before it started streaming", null);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            && rs.getBoolean(1)
                            && consumer.streamPositionStored().isDone();
                }
            });
            if (!streaming) {
                throw new TimeoutException("slot " + slot + " is not streaming, or no stream position is stored"
                        + " yet, after " + timeout + " (the first position is stored with the first change or"
                        + " heartbeat)");
            }
        } catch (SQLException e) {
            throw new DatabaseAccessException("cannot read the state of slot " + slot + ": " + e.getMessage(), e);
        }
    }

    /** Blocks until the capture stops; throws if it stopped because of an error. */
    public void awaitTermination() throws InterruptedException {
        try {
            completion.get();
        } catch (ExecutionException e) {
            throw (CaptureFailedException) e.getCause();
        }
    }

    /** Waits up to {@code timeout} for the capture to stop; false if it still runs, throws if it failed. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        try {
            completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            throw (CaptureFailedException) e.getCause();
        } catch (TimeoutException e) {
            return false;
        }
    }

    public boolean isRunning() {
        return !completion.isDone();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!completion.isDone()) {
                engine.close();
            }
            runner.join(Duration.ofSeconds(60).toMillis());
        } catch (IOException e) {
            throw new CaptureFailedException("stopping the Debezium engine failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(30));
        }
    }

    private static Properties producerProperties(EmbeddedCaptureConfig config, CaptureNames names) {
        Properties p = new Properties();
        p.putAll(config.kafkaProperties().asMap());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, names.connectorName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static Properties engineProperties(EmbeddedCaptureConfig config, PrepareReport prepared) {
        CaptureSettings settings = config.settings();
        CaptureNames names = settings.names();
        String password = settings.database().jdbcProperties().getProperty("password");
        Map<String, String> connector =
                DebeziumSettings.connectorProperties(settings, prepared.capturedTables(), password);
        Properties p = new Properties();
        p.putAll(connector);
        p.put("name", names.connectorName());
        p.put(
                "offset.flush.interval.ms",
                Long.toString(config.offsetFlushInterval().toMillis()));
        p.put("offset.flush.timeout.ms", "30000");
        // the same transform as on Kafka Connect, run by the engine on all cores; heartbeats pass through so that
        // their offsets are committed (the engine never commits records a transform drops)
        p.put("transforms", ConnectorConfig.TRANSFORM);
        CanonicalRowChange.settings(names, settings.hashOnly(), prepared.domainTypes(), true)
                .forEach((key, value) -> p.put("transforms." + ConnectorConfig.TRANSFORM + "." + key, value));
        p.put("record.processing.threads", "AVAILABLE_CORES");
        if (config.offsets() instanceof OffsetStore.File file) {
            p.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
            p.put("offset.storage.file.filename", file.path().toAbsolutePath().toString());
        } else {
            p.put("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
            p.put("offset.storage.topic", names.offsetsTopic());
            p.put("offset.storage.partitions", "1");
            p.put("offset.storage.replication.factor", Short.toString(config.replicationFactor()));
            p.put("bootstrap.servers", config.kafkaBootstrap());
            // The offset store's producer, consumer and admin client take the worker's top-level client settings.
            p.putAll(config.kafkaProperties().asMap());
        }
        return p;
    }
}
