package dev.driftguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorHandlerTest {

    private static String handled(Exception failure) {
        StringWriter err = new StringWriter();
        CommandLine cl = DriftguardCommand.newCommandLine("compare");
        cl.setErr(new PrintWriter(err, true));
        int code = new ErrorHandler().handleExecutionException(failure, cl, null);
        assertThat(code).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
        return err.toString().strip();
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsTypeAndCauseNeverAsNull() {
        assertThat(handled(new IllegalArgumentException((String) null)))
                .isEqualTo("driftguard: IllegalArgumentException");
        assertThat(handled(new IllegalStateException(null, new java.io.IOException("disk full"))))
                .isEqualTo("driftguard: IllegalStateException (disk full)");
    }

    @Test
    void aFailureWithAMessageIsPrintedAsItIs() {
        assertThat(handled(new IllegalArgumentException("--json /x: is a directory")))
                .isEqualTo("driftguard: --json /x: is a directory");
    }
}
