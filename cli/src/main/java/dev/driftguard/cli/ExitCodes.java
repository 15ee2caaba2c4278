package dev.driftguard.cli;

/** Exit codes shared by every subcommand (documented in the README). */
public final class ExitCodes {
    /** Done, and everything checked was equal. */
    public static final int OK = 0;
    /** Done, and differences were found or something could not be checked. */
    public static final int DIFFERENCES = 1;
    /** Usage, connection or configuration error: nothing was decided. */
    public static final int USAGE_OR_CONFIG = 2;

    private ExitCodes() {}
}
