package dev.driftguard.compare;

/** The run was cancelled before it finished; with an audit store it can be resumed with --resume {@link #runId()}. */
public final class CompareInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String runId;

    public CompareInterruptedException(String runId, boolean resumable) {
        super("batch compare run " + runId + " was interrupted"
                + (resumable
                        ? "; continue it with --resume " + runId
                        : "; run it again (give --audit-db to make runs resumable)"));
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
