package dev.driftguard.validator.health;

import java.util.Locale;

/** How a running validator is doing, as the audit store's {@code validator_health.health} records it. */
public enum HealthState {
    /** Checkpoints complete, so findings are committed. */
    HEALTHY,
    /** Still running, but findings are not being committed (failing checkpoints) or the job is restarting. */
    DEGRADED,
    /** Stopped on an error: nothing is validated any more. */
    FAILED,
    /** Stopped on request (Ctrl-C, --for): nothing is validated any more. */
    STOPPED;

    /** The value stored in the audit store. */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
