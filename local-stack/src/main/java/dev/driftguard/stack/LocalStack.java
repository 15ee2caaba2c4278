package dev.driftguard.stack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What {@code driftguard stack up} runs: a source/target PostgreSQL pair whose database {@value #DATABASE} is
 * replicated source → target (publication FOR ALL TABLES, so tables created on both sides and then
 * {@link PostgresPair#refresh refreshed} replicate), and a Kafka broker.
 */
public final class LocalStack implements AutoCloseable {

    /** The database created on both sides and replicated. */
    public static final String DATABASE = "driftguard";

    private final PostgresPair pair;
    private final LocalKafka kafka;

    private LocalStack(PostgresPair pair, LocalKafka kafka) {
        this.pair = pair;
        this.kafka = kafka;
    }

    /** Starts PostgreSQL and Kafka in parallel and sets up replication of {@value #DATABASE}. */
    public static LocalStack start() {
        CompletableFuture<PostgresPair> pair = Background.start("driftguard-start-postgres", PostgresPair::start);
        CompletableFuture<LocalKafka> kafka = Background.start("driftguard-start-kafka", LocalKafka::start);
        try {
            PostgresPair started = pair.join();
            started.replicate(DATABASE);
            return new LocalStack(started, kafka.join());
        } catch (RuntimeException e) {
            pair.thenAccept(PostgresPair::close);
            kafka.thenAccept(LocalKafka::close);
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public PostgresPair postgres() {
        return pair;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    /** libpq URI of the source's {@value #DATABASE} database. */
    public String sourceUri() {
        return pair.source().uri(DATABASE);
    }

    /** libpq URI of the target's {@value #DATABASE} database. */
    public String targetUri() {
        return pair.target().uri(DATABASE);
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    /** Stops Kafka and both PostgreSQL servers and deletes their files. Idempotent. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            pair.close();
        }
    }
}
