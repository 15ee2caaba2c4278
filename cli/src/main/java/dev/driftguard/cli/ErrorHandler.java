package dev.driftguard.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one clear line on stderr (the exception messages are written to name the setting and the fix)
 * and exit code 2; the stack trace goes to the log at debug level, not to the user.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        LOG.debug("command failed", ex);
        commandLine.getErr().println(commandLine.getColorScheme().errorText("driftguard: " + describe(ex)));
        return ExitCodes.USAGE_OR_CONFIG;
    }

    /** The exception's message; one without a message is named by its type and cause, never as "null". */
    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        Throwable cause = ex.getCause();
        return ex.getClass().getSimpleName() + (cause == null || cause == ex ? "" : " (" + describe(cause) + ")");
    }
}
