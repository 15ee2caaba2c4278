-- The streaming validator's health (module validator-job), written by the process that runs the validator and watches
-- its checkpoints. It is kept apart from validation_status because that table is written by the job at checkpoints:
-- when checkpoints fail nothing reaches it, and the reason they fail must still reach the gate.

CREATE TABLE validator_health (
    migration_id          text        PRIMARY KEY REFERENCES migrations (id),
    health                text        NOT NULL CHECK (health IN ('healthy', 'degraded', 'failed', 'stopped')),
    reason                text,
    checkpoint_directory  text,
    checkpoints_completed bigint      NOT NULL CHECK (checkpoints_completed >= 0),
    checkpoints_failed    bigint      NOT NULL CHECK (checkpoints_failed >= 0),
    consecutive_failures  bigint      NOT NULL CHECK (consecutive_failures >= 0),
    last_checkpoint_at    timestamptz,
    checked_at            timestamptz NOT NULL,
    CHECK (health = 'healthy' OR reason IS NOT NULL)
);
COMMENT ON TABLE validator_health IS
    'Health of the running validator of a migration, refreshed every status interval: healthy, degraded (with the'
    ' reason: failing checkpoints, a restarting job), failed (it stopped on an error) or stopped (on request).'
    ' A row whose checked_at is older than a few status intervals belongs to a validator that is not running.';
COMMENT ON COLUMN validator_health.consecutive_failures IS
    'Checkpoints failed since the last completed one; drift findings are committed only at completed checkpoints.';
