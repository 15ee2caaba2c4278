package dev.driftguard.capture;

import dev.driftguard.avro.Side;
import dev.driftguard.capture.engine.EmbeddedCapture;
import dev.driftguard.capture.engine.EmbeddedCaptureConfig;
import dev.driftguard.pg.ConnectionSpec;
import java.time.Duration;

/**
 * A capture in its own JVM, for the crash test: {@code CaptureProcess <db uri> <kafka> <migration> <table>}. Prints
 * {@code STREAMING} once the change stream runs; stops gracefully on SIGTERM.
 */
public final class CaptureProcess {

    private CaptureProcess() {}

    public static void main(String[] args) throws Exception {
        CaptureSettings settings =
                CaptureFixture.settings(args[2], Side.SOURCE, ConnectionSpec.parse(args[0]), args[3]);
        EmbeddedCapture capture = EmbeddedCapture.start(EmbeddedCaptureConfig.of(settings, args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(capture::close));
        capture.awaitStreaming(Duration.ofSeconds(120));
        System.out.println("STREAMING");
        System.out.flush();
        capture.awaitTermination();
    }
}
