package dev.driftguard.cli;

import dev.driftguard.settings.CommonSettings;
import dev.driftguard.stack.LocalStack;
import dev.driftguard.stack.ShutdownHooks;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "stack",
        description = "The embedded local stack: PostgreSQL source/target pair and Kafka, on this machine.",
        subcommands = {StackCommand.Up.class})
final class StackCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "up",
            description = {
                "Start a source and a target PostgreSQL with native logical replication of database '"
                        + LocalStack.DATABASE + "' (source -> target) and an in-process Kafka broker.",
                "Prints 'source=URI', 'target=URI' and 'kafka=BOOTSTRAP' lines, then runs until Ctrl-C or --for.",
                "Tables replicate once they exist on both sides; the subscription is refreshed every few seconds."
            })
    static final class Up extends SettingsCommand {

        private static final Logger LOG = LoggerFactory.getLogger(Up.class);
        private static final Duration REFRESH_EVERY = Duration.ofSeconds(2);

        private Duration runFor;

        Up() {
            super(List.of(CommonSettings.RUN_FOR));
        }

        @Override
        public Integer call() throws InterruptedException {
            runFor = given().get(CommonSettings.RUN_FOR);
            PrintWriter out = spec.commandLine().getOut();
            CountDownLatch stopped = new CountDownLatch(1);
            try (LocalStack stack = LocalStack.start();
                    ShutdownHooks.OnSignal onCtrlC = ShutdownHooks.onSignal("driftguard-stack-stop", () -> {
                        stopped.countDown();
                        stack.close();
                    })) {
                out.println("source=" + stack.sourceUri());
                out.println("target=" + stack.targetUri());
                out.println("kafka=" + stack.kafkaBootstrap());
                out.flush();
                LOG.info(
                        "stack is up{}; create tables on both sides and they replicate source -> target",
                        runFor == null ? " (Ctrl-C stops it)" : " for " + CommonSettings.RUN_FOR.format(runFor));
                waitUntilStopped(stack, stopped);
            }
            LOG.info("stack stopped");
            return ExitCodes.OK;
        }

        private void waitUntilStopped(LocalStack stack, CountDownLatch stopped) throws InterruptedException {
            long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
            while (System.nanoTime() < deadline) {
                long waitNanos = Math.min(REFRESH_EVERY.toNanos(), deadline - System.nanoTime());
                if (stopped.await(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                    return;
                }
                refresh(stack);
            }
        }

        private static void refresh(LocalStack stack) {
            try {
                stack.postgres().refresh(LocalStack.DATABASE);
            } catch (RuntimeException e) {
                // Normal while a table exists on the source but not yet on the target.
                LOG.debug("subscription refresh failed (retrying): {}", e.getMessage());
            }
        }
    }
}
