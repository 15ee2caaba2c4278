package dev.driftguard.capture.engine;

import java.nio.file.Path;

/**
 * Where the embedded engine keeps Debezium's offsets (the last LSN whose records Kafka acknowledged): a compacted
 * Kafka topic (default, {@code --offsets kafka}) or a local file ({@code --offsets file:PATH}).
 */
public sealed interface OffsetStore {

    /** Offsets in the Kafka topic {@code driftguard.<migration>.<side>.offsets} on the capture's cluster. */
    record KafkaTopic() implements OffsetStore {}

    record File(Path path) implements OffsetStore {}

    static OffsetStore parse(String text) {
        if (text == null || text.equals("kafka")) {
            return new KafkaTopic();
        }
        if (text.startsWith("file:") && text.length() > "file:".length()) {
            return new File(Path.of(text.substring("file:".length())));
        }
        throw new IllegalArgumentException("'" + text + "' is not kafka or file:PATH");
    }

    /** As {@link #parse} reads it. */
    static String text(OffsetStore store) {
        return store instanceof File file ? "file:" + file.path() : "kafka";
    }
}
