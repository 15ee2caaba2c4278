package dev.driftguard.capture;

import dev.driftguard.avro.Side;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.engine.EmbeddedCaptureConfig;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.row.TableId;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Test helper: starts an embedded capture of some tables and waits until it streams. */
final class CaptureFixture {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private CaptureFixture() {}

    static CaptureSettings settings(String migration, Side side, ConnectionSpec db, String... tables) {
        return CaptureSettings.builder(migration, side, db)
                .tables(TableSelection.tables(
                        Arrays.stream(tables).map(TableId::parse).toList()))
                // the first heartbeat stores the first stream position on an idle database, which awaitStreaming
                // waits for
                .heartbeatInterval(Duration.ofMillis(500))
                .build();
    }

    static EmbeddedCapture startStreaming(CaptureSettings settings, String kafka) throws Exception {
        return startStreaming(settings, kafka, UnaryOperator.identity());
    }

    static EmbeddedCapture startStreaming(
            CaptureSettings settings, String kafka, UnaryOperator<EmbeddedCaptureConfig> customize) throws Exception {
        EmbeddedCapture capture = EmbeddedCapture.start(customize.apply(EmbeddedCaptureConfig.of(settings, kafka)));
        try {
            capture.awaitStreaming(TIMEOUT);
        } catch (Exception | AssertionError e) {
            capture.close();
            throw e;
        }
        return capture;
    }

    static List<TopicRecords.Captured> read(String kafka, String topic, int count) {
        return TopicRecords.readUntil(kafka, topic, TopicRecords.atLeast(count), TIMEOUT);
    }
}
