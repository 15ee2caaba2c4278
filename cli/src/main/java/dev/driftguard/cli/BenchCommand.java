package dev.driftguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "bench",
        description = "Benchmarks that print figures (they start their own local PostgreSQL clusters).",
        subcommands = {BenchCompareCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
