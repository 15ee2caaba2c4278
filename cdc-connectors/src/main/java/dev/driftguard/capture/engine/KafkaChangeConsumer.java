package dev.driftguard.capture.engine;

import dev.driftguard.capture.connect.CanonicalRowChange;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.spi.OffsetCommitPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Delivers one engine batch (already converted by the engine's {@link CanonicalRowChange} transform, which passes
 * heartbeats through): sends the RowChange records, waits until Kafka acknowledged all of them, and only then marks
 * every record of the batch processed, heartbeats included. An offset (and so the
 * slot's confirmed position) therefore never gets ahead of what Kafka holds; after a crash the engine resumes from the
 * last committed offset and re-sends records at most from there, with the same LSNs.
 *
 * <p>Until the first change-stream position is stored, every batch's offset is committed: without any stored offset
 * a restarted engine snapshots again (snapshot mode initial), and a new snapshot keeps only each row's latest version,
 * so every change committed between the first snapshot and the crash would be lost. After an empty snapshot no record
 * carries an offset until the first change or heartbeat.
 */
final class KafkaChangeConsumer implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong convertNanos = new AtomicLong();
    private final AtomicLong acknowledgeNanos = new AtomicLong();
    private final CompletableFuture<Void> streamPositionStored = new CompletableFuture<>();

    KafkaChangeConsumer(Producer<byte[], byte[]> producer, String topic, int partitions) {
        this.producer = producer;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** Row changes acknowledged by Kafka so far (a TRUNCATE counts once). */
    long delivered() {
        return delivered.get();
    }

    /** Completes once an offset of the change stream (not of a snapshot in progress) is in the offset store. */
    CompletableFuture<Void> streamPositionStored() {
        return streamPositionStored;
    }

    /**
     * The engine's offset commit policy: every batch until a change-stream position is stored, then every {@code
     * interval}. The engine commits synchronously in {@link DebeziumEngine.RecordCommitter#markBatchFinished()}.
     */
    OffsetCommitPolicy commitPolicy(Duration interval) {
        return (recordsSinceLastCommit, timeSinceLastCommit) ->
                !streamPositionStored.isDone() || timeSinceLastCommit.compareTo(interval) >= 0;
    }

    DeliveryStats stats() {
        return new DeliveryStats(
                delivered.get(), batches.get(), convertNanos.get() / 1_000_000L, acknowledgeNanos.get() / 1_000_000L);
    }

    /**
     * Sends the batch's row changes, waits until Kafka acknowledged every one, and only then marks the batch processed:
     * offsets trail acknowledgements, so a crash loses nothing.
     */
    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        long start = System.nanoTime();
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        long rowChanges = 0;
        for (RecordChangeEvent<SourceRecord> event : records) {
            SourceRecord converted = event.record();
            if (CanonicalRowChange.isRowChange(converted)) {
                rowChanges++;
                send(converted, sends);
            }
        }
        long converted = System.nanoTime();
        producer.flush();
        awaitAcknowledged(sends);
        delivered.addAndGet(rowChanges);
        batches.incrementAndGet();
        convertNanos.addAndGet(converted - start);
        acknowledgeNanos.addAndGet(System.nanoTime() - converted);
        for (RecordChangeEvent<SourceRecord> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        if (!records.isEmpty()
                && isStreamPosition(records.get(records.size() - 1).record())) {
            streamPositionStored.complete(null);
        }
    }

    private void send(SourceRecord converted, List<Future<RecordMetadata>> sends) {
        byte[] key = (byte[]) converted.key();
        byte[] value = (byte[]) converted.value();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : converted.headers()) {
            headers.add(header.key(), String.valueOf(header.value()).getBytes(StandardCharsets.UTF_8));
        }
        if (CanonicalRowChange.isTruncate(converted)) {
            // a truncate empties every key of the table, and keys are spread over all partitions
            for (int partition = 0; partition < partitions; partition++) {
                sends.add(producer.send(new ProducerRecord<>(topic, partition, null, key, value, headers)));
            }
        } else {
            sends.add(producer.send(new ProducerRecord<>(topic, null, null, key, value, headers)));
        }
    }

    private void awaitAcknowledged(List<Future<RecordMetadata>> sends) throws InterruptedException {
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                throw new CaptureDeliveryException(
                        "Kafka did not acknowledge a record for topic " + topic + ": "
                                + e.getCause().getMessage()
                                + "; the batch is not committed and is sent again after restart",
                        e.getCause());
            }
        }
    }

    /** Debezium's PostgreSQL offsets carry the key {@code snapshot} only while a snapshot runs. */
    private static boolean isStreamPosition(SourceRecord record) {
        return record.sourceOffset() != null && !record.sourceOffset().containsKey("snapshot");
    }
}
