package dev.driftguard.stack;

import dev.driftguard.pg.Polling;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, broker and controller in one node) running inside this JVM on free ports
 * of 127.0.0.1, with its log directory in a temporary directory that {@link #close()} deletes.
 *
 * <p>Internal topics use replication factor 1, and transactions are allowed to last an hour, so exactly-once
 * producers (Flink's KafkaSink defaults to a one-hour transaction timeout) work against it.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final int NODE_ID = 1;
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final Path directory;
    private final String bootstrapServers;
    private final String saslBootstrapServers;
    private final StopOnce stop;

    /** A listener that authenticates with SASL/PLAIN, as managed Kafka services do: one user and its password. */
    private record SaslPlain(String user, String password, int port) {}

    private LocalKafka(KafkaRaftServer server, Path directory, String bootstrapServers, String saslBootstrapServers) {
        this.server = server;
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
        this.saslBootstrapServers = saslBootstrapServers;
        this.stop = new StopOnce("driftguard-kafka-stop", this::stopAndDelete);
    }

    public static LocalKafka start() {
        return start(Map.of());
    }

    /** Starts a broker whose configuration is the defaults overlaid with {@code brokerSettings}. */
    public static LocalKafka start(Map<String, String> brokerSettings) {
        return start(brokerSettings, null, null);
    }

    /**
     * Starts a broker with, besides its plain-text listener, a SASL_PLAINTEXT listener ({@link #saslBootstrapServers()})
     * that accepts {@code user} with {@code password} (mechanism PLAIN).
     */
    public static LocalKafka startWithSaslPlain(String user, String password) {
        return start(Map.of(), user, password);
    }

    private static LocalKafka start(Map<String, String> brokerSettings, String saslUser, String saslPassword) {
        Path base = baseDir();
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            Path directory = createDirectory(base);
            int brokerPort = FreePorts.pick();
            int controllerPort = FreePorts.pick();
            SaslPlain sasl = saslUser == null ? null : new SaslPlain(saslUser, saslPassword, FreePorts.pick());
            KafkaRaftServer server = null;
            try {
                KafkaConfig config = KafkaConfig.fromProps(
                        brokerProperties(directory, brokerPort, controllerPort, sasl, brokerSettings), false);
                format(config, directory);
                server = new KafkaRaftServer(config, Time.SYSTEM);
                server.startup();
                String bootstrap = "127.0.0.1:" + brokerPort;
                awaitReady(bootstrap);
                LOG.info(
                        "Kafka ready on {} (KRaft, log dir {}) in {} ms",
                        bootstrap,
                        directory,
                        (System.nanoTime() - started) / 1_000_000);
                return new LocalKafka(server, directory, bootstrap, sasl == null ? null : "127.0.0.1:" + sasl.port());
            } catch (RuntimeException e) {
                shutDown(server);
                FileTrees.deleteRecursively(directory);
                if (attempt == START_ATTEMPTS) {
                    throw new LocalStackException(
                            "Kafka did not start (attempt " + attempt + ", broker port " + brokerPort
                                    + ", controller port " + controllerPort + "): " + e.getMessage(),
                            e);
                }
                LOG.warn(
                        "Kafka did not start on ports {}/{}, retrying on others: {}",
                        brokerPort,
                        controllerPort,
                        e.toString());
            }
        }
    }

    private static Path baseDir() {
        return ServerOsUser.isRoot()
                ? Path.of("/tmp/driftguard-kafka")
                : Path.of("/tmp/driftguard-kafka-" + System.getProperty("user.name"));
    }

    private static Path createDirectory(Path base) {
        try {
            Files.createDirectories(base);
            // Directories of killed JVMs; the broker died with its JVM, only its files remain.
            OrphanedServers.reap(base);
            return Files.createTempDirectory(base, OrphanedServers.ownerPrefix() + "kafka-");
        } catch (IOException e) {
            throw new LocalStackException("cannot create a Kafka log directory under " + base + ": " + e, e);
        }
    }

    private static Properties brokerProperties(
            Path directory, int brokerPort, int controllerPort, SaslPlain sasl, Map<String, String> overrides) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", directory.resolve("logs").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty(
                "transaction.max.timeout.ms", Long.toString(Duration.ofHours(1).toMillis()));
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        if (sasl != null) {
            String listener = "SASL_PLAINTEXT://127.0.0.1:" + sasl.port();
            p.setProperty("listeners", p.getProperty("listeners") + "," + listener);
            p.setProperty("advertised.listeners", p.getProperty("advertised.listeners") + "," + listener);
            p.setProperty(
                    "listener.security.protocol.map",
                    p.getProperty("listener.security.protocol.map") + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
            p.setProperty("sasl.enabled.mechanisms", "PLAIN");
            p.setProperty(
                    "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + sasl.user()
                            + "\" password=\"" + sasl.password() + "\" user_" + sasl.user() + "=\"" + sasl.password()
                            + "\";");
        }
        overrides.forEach(p::setProperty);
        return p;
    }

    /** What {@code kafka-storage.sh format} does, without its System.exit. */
    private static void format(KafkaConfig config, Path directory) {
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(directory.resolve("logs").toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new LocalStackException("cannot format Kafka storage in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Ready once the broker has registered with the controller and answers metadata requests. */
    private static void awaitReady(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Exception[] lastFailure = {null};
            boolean ready = Polling.until(READY_TIMEOUT, Duration.ofMillis(100), () -> {
                try {
                    return !admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty();
                } catch (ExecutionException | TimeoutException notYet) {
                    lastFailure[0] = notYet;
                    return false;
                }
            });
            if (!ready) {
                throw new LocalStackException(
                        "Kafka on " + bootstrap + " not ready within " + READY_TIMEOUT, lastFailure[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for Kafka on " + bootstrap, e);
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code 127.0.0.1:PORT} of the SASL/PLAIN listener ({@link #startWithSaslPlain}). */
    public String saslBootstrapServers() {
        if (saslBootstrapServers == null) {
            throw new IllegalStateException("this broker has no SASL listener: start it with startWithSaslPlain");
        }
        return saslBootstrapServers;
    }

    /** Creates a topic with replication factor 1; an existing topic of that name is left as it is. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new LocalStackException(
                        "cannot create topic " + name + " on " + bootstrapServers + ": "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new LocalStackException("creating topic " + name + " on " + bootstrapServers + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while creating topic " + name, e);
        }
    }

    /** Stops the broker and deletes its log directory. Idempotent. */
    @Override
    public void close() {
        stop.close();
    }

    private void stopAndDelete() {
        try {
            shutDown(server);
            LOG.info("Kafka on {} stopped", bootstrapServers);
        } finally {
            FileTrees.deleteRecursively(directory);
        }
    }

    private static void shutDown(KafkaRaftServer server) {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers + " " + directory + "]";
    }
}
