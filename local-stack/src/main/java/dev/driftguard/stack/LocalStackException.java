package dev.driftguard.stack;

/** A local PostgreSQL or Kafka server could not be located, started, used or stopped. */
public class LocalStackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
