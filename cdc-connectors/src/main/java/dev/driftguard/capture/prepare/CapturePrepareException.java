package dev.driftguard.capture.prepare;

/** The database is not ready for capture (a setting, a privilege, a name collision); the message says how to fix it. */
public class CapturePrepareException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CapturePrepareException(String message) {
        super(message);
    }

    public CapturePrepareException(String message, Throwable cause) {
        super(message, cause);
    }
}
