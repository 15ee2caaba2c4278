package dev.driftguard.capture.engine;

/** Records could not be delivered to Kafka; nothing of the failed batch was committed. */
public class CaptureDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaptureDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
