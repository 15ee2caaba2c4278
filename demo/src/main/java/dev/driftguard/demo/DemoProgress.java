package dev.driftguard.demo;

import dev.driftguard.avro.ValidationStatus;

/**
 * What the demo tells as it goes, to whoever shows it (the command line prints it): numbered steps of {@link #STEPS},
 * details of a step, things that just happened, and the validator's status.
 */
public interface DemoProgress {

    /** The demo's steps: six of {@link DemoRun#run()} and the final summary. */
    int STEPS = 7;

    void step(int number, String text);

    void detail(String text);

    /** Something that just happened (shown with the wall-clock time). */
    void event(String text);

    /** The validator's latest migration-wide status, and how many writes the workload made so far. */
    void status(ValidationStatus status, long workloadWrites);

    /** A pause between groups of lines. */
    void blank();
}
