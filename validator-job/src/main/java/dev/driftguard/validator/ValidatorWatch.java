package dev.driftguard.validator;

import dev.driftguard.audit.AuditStore;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.validator.audit.HealthRows;
import dev.driftguard.validator.health.HealthState;
import dev.driftguard.validator.health.ValidatorHealth;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a {@link LocalValidator}: judges its health on every {@link #check}, records it in the audit store (when
 * the launch has one) once per status interval and at every change of state, and turns a failure into a message that
 * names the cause and the fix. The gate reads that record: a validator that cannot commit its findings must say so.
 */
public final class ValidatorWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ValidatorWatch.class);

    private final LocalValidator validator;
    private final AuditStore store;
    private final HealthRows rows;
    private final long recordEveryMillis;
    private ValidatorHealth recorded;
    private ValidatorHealth last;

    public ValidatorWatch(LocalValidator validator) {
        this.validator = validator;
        ValidatorLaunch launch = validator.launch();
        this.recordEveryMillis = launch.options().statusInterval().toMillis();
        this.store = launch.auditDbUri()
                .map(uri -> AuditStore.open(ConnectionSpec.parse(uri)))
                .orElse(null);
        String directory =
                launch.checkpointDirectory().map(d -> d.path().toString()).orElse(null);
        this.rows =
                store == null ? null : new HealthRows(store, launch.options().migration(), directory);
    }

    /** The validator's health now; recorded in the audit store when due. */
    public ValidatorHealth check() throws InterruptedException {
        ValidatorHealth health = validator.health();
        last = health;
        if (recorded == null
                || recorded.state() != health.state()
                || health.checkedAt().toEpochMilli() - recorded.checkedAt().toEpochMilli() >= recordEveryMillis) {
            record(health);
        }
        return health;
    }

    /** Records that the validator was stopped on request. */
    public void stopped(String why) {
        if (last != null) {
            record(last.ended(HealthState.STOPPED, why, Instant.now()));
        }
    }

    /**
     * What to tell the user about a failed validator: the cause, where its checkpoints go and what to do.
     */
    public String failureMessage(ValidatorHealth health) {
        String where = validator
                .launch()
                .checkpointDirectory()
                .map(d -> " Its checkpoints go to " + d.path() + ": make that a writable directory with free space"
                        + " (or give another --checkpoint-dir), then start the validator again; it resumes from the"
                        + " newest completed checkpoint there.")
                .orElse(" Check the checkpoint storage of the Flink configuration (execution.checkpointing.dir).");
        return "the validator of migration " + validator.launch().options().migration() + " stopped: " + health.reason()
                + "." + (health.consecutiveFailures() > 0 ? where : "");
    }

    private void record(ValidatorHealth health) {
        recorded = health;
        if (rows == null) {
            return;
        }
        try {
            rows.write(health);
        } catch (DatabaseAccessException e) {
            // The validator's own audit sink reports a lost audit store; the display goes on meanwhile.
            LOG.warn("cannot record the validator's health: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
