package dev.driftguard.validator;

import dev.driftguard.avro.Side;
import dev.driftguard.capture.CaptureSettings;
import dev.driftguard.capture.TableSelection;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.engine.EmbeddedCaptureConfig;
import dev.driftguard.row.TableId;
import dev.driftguard.stack.LocalKafka;
import dev.driftguard.stack.LocalPostgres;
import java.time.Duration;
import java.util.List;

/** Embedded capture of one side into Kafka for the end-to-end tests, started and streaming. */
public final class TestCaptures {

    private TestCaptures() {}

    /** Captures {@code tables} of {@code db} into the migration's 2-partition topics; returns once it streams. */
    public static EmbeddedCapture streaming(
            String migration,
            Side side,
            LocalPostgres pg,
            String db,
            LocalKafka kafka,
            List<TableId> tables,
            Duration timeout)
            throws Exception {
        CaptureSettings settings = CaptureSettings.builder(migration, side, pg.connectionSpec(db))
                .tables(TableSelection.tables(tables))
                .build();
        EmbeddedCapture capture = EmbeddedCapture.start(
                EmbeddedCaptureConfig.of(settings, kafka.bootstrapServers()).withTopicPartitions(2));
        try {
            capture.awaitStreaming(timeout);
        } catch (Exception | AssertionError e) {
            capture.close();
            throw e;
        }
        return capture;
    }
}
