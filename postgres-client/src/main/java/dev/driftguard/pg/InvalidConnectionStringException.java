package dev.driftguard.pg;

/** A connection string that cannot be used; the message shows it with any password masked and says what to give. */
public final class InvalidConnectionStringException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidConnectionStringException(String message) {
        super(message);
    }

    public InvalidConnectionStringException(String message, Throwable cause) {
        super(message, cause);
    }
}
