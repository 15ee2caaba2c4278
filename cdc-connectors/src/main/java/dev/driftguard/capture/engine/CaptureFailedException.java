package dev.driftguard.capture.engine;

/** The capture stopped because of an error (connector, conversion or delivery); the message says which. */
public class CaptureFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaptureFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
