-- driftguard audit store, schema version 1.
-- Flyway runs this with search_path = driftguard; every object lives in that schema.
-- Times are timestamptz (instants). Keys and positions are jsonb with documented shapes (see COMMENTs).

CREATE TABLE migrations (
    id          text        PRIMARY KEY CHECK (id <> ''),
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE migrations IS 'One row per migration (source -> target) that driftguard validates or cuts over.';

-- Batch compare runs; declared before findings, which reference them.
CREATE TABLE batch_runs (
    run_id       text        PRIMARY KEY CHECK (run_id <> ''),
    migration_id text        NOT NULL REFERENCES migrations (id),
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    status       text        NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
    options      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    summary      jsonb,
    CHECK (finished_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX batch_runs_by_migration ON batch_runs (migration_id, started_at DESC);
COMMENT ON COLUMN batch_runs.options IS 'The options the run was started with (tables, segments, parallelism, ...).';
COMMENT ON COLUMN batch_runs.summary IS 'Counts, durations and throughput once the run has finished.';

CREATE TABLE batch_segments (
    run_id            text        NOT NULL REFERENCES batch_runs (run_id) ON DELETE CASCADE,
    schema_name       text        NOT NULL,
    table_name        text        NOT NULL,
    segment_no        integer     NOT NULL CHECK (segment_no >= 0),
    parent_segment_no integer,
    lower_bound       jsonb,
    upper_bound       jsonb,
    state             text        NOT NULL
        CHECK (state IN ('pending', 'running', 'matched', 'mismatched', 'split', 'failed')),
    source_count      bigint,
    target_count      bigint,
    source_checksum   numeric,
    target_checksum   numeric,
    finished_at       timestamptz,
    PRIMARY KEY (run_id, schema_name, table_name, segment_no),
    FOREIGN KEY (run_id, schema_name, table_name, parent_segment_no)
        REFERENCES batch_segments (run_id, schema_name, table_name, segment_no) ON DELETE CASCADE
);
CREATE INDEX batch_segments_unfinished ON batch_segments (run_id, schema_name, table_name)
    WHERE state IN ('pending', 'running');
COMMENT ON COLUMN batch_segments.lower_bound IS
    'Inclusive lower key bound as [{"column": c, "value": canonical text}, ...] in key order; NULL = unbounded.';
COMMENT ON COLUMN batch_segments.upper_bound IS
    'Exclusive upper key bound, same shape as lower_bound; NULL = unbounded.';
COMMENT ON COLUMN batch_segments.parent_segment_no IS 'The segment this one was bisected from; NULL for a planned segment.';
COMMENT ON COLUMN batch_segments.source_checksum IS 'Sum of the 64-bit row hashes of the segment (numeric: no overflow).';

CREATE TABLE findings (
    finding_id      text        PRIMARY KEY CHECK (finding_id <> ''),
    migration_id    text        NOT NULL REFERENCES migrations (id),
    origin          text        NOT NULL CHECK (origin IN ('stream', 'batch')),
    run_id          text        REFERENCES batch_runs (run_id),
    schema_name     text        NOT NULL,
    table_name      text        NOT NULL,
    key             jsonb       NOT NULL CHECK (jsonb_typeof(key) = 'array'),
    kind            text        NOT NULL CHECK (kind IN ('MISSING_ON_TARGET', 'EXTRA_ON_TARGET', 'VALUE_MISMATCH')),
    columns         text[]      NOT NULL DEFAULT '{}',
    source_values   jsonb,
    target_values   jsonb,
    source_position jsonb,
    target_position jsonb,
    first_seen      timestamptz NOT NULL,
    detected_at     timestamptz NOT NULL,
    resolved_at     timestamptz,
    resolution      text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (origin = 'stream' OR run_id IS NOT NULL),
    CHECK ((resolved_at IS NULL) = (resolution IS NULL)),
    CHECK (detected_at >= first_seen)
);
CREATE INDEX findings_open ON findings (migration_id, detected_at) WHERE resolved_at IS NULL;
CREATE INDEX findings_by_key ON findings (migration_id, schema_name, table_name, key);
CREATE INDEX findings_by_run ON findings (run_id) WHERE run_id IS NOT NULL;
COMMENT ON TABLE findings IS 'Discrepancies found by the streaming validator or batch compare, and their resolution.';
COMMENT ON COLUMN findings.finding_id IS 'Deterministic id chosen by the writer, so that writing again is idempotent.';
COMMENT ON COLUMN findings.key IS 'Primary key as [{"column": c, "value": canonical text}, ...] in key order.';
COMMENT ON COLUMN findings.columns IS 'Canonical names of the differing columns (VALUE_MISMATCH).';
COMMENT ON COLUMN findings.source_values IS
    'Canonical column values on the source as {"column": text or null}; NULL in privacy mode or when absent.';
COMMENT ON COLUMN findings.source_position IS
    'Where the source version came from: {"lsn": "X/Y", "txId": n or null, "commitTime": ISO-8601 instant}.';
COMMENT ON COLUMN findings.first_seen IS 'When the two sides were first seen to differ.';
COMMENT ON COLUMN findings.detected_at IS 'When the difference outlived the tolerance and was reported.';
COMMENT ON COLUMN findings.resolution IS 'How it was resolved (e.g. RESOLVED when the sides agreed again).';

CREATE TABLE validation_status (
    migration_id      text        NOT NULL REFERENCES migrations (id),
    schema_name       text        NOT NULL,
    table_name        text        NOT NULL,
    emitted_at        timestamptz NOT NULL,
    open_drifts       bigint      NOT NULL CHECK (open_drifts >= 0),
    events_source     bigint      NOT NULL CHECK (events_source >= 0),
    events_target     bigint      NOT NULL CHECK (events_target >= 0),
    keys_tracked      bigint      NOT NULL CHECK (keys_tracked >= 0),
    lag_p50_ms        bigint,
    lag_p99_ms        bigint,
    lag_max_ms        bigint,
    last_event_source timestamptz,
    last_event_target timestamptz,
    PRIMARY KEY (migration_id, schema_name, table_name),
    CHECK ((schema_name = '') = (table_name = ''))
);
COMMENT ON TABLE validation_status IS
    'Latest periodic status of the streaming validator per table; schema_name = table_name = '''' for the whole migration.';

-- The cutover state machine's states (DESIGN.md); a domain so that later versions can change the set in one place.
CREATE DOMAIN cutover_state AS text CHECK (VALUE IN (
    'PLANNED', 'PREFLIGHT_PASSED', 'REPLICATING', 'GATE_GREEN', 'FENCED', 'DRAINED', 'PROMOTED',
    'SLOTS_RECREATED', 'ROUTED', 'VERIFIED', 'DONE', 'ROLLING_BACK', 'ROLLED_BACK'));

CREATE TABLE cutover_runs (
    run_id       text          PRIMARY KEY CHECK (run_id <> ''),
    migration_id text          NOT NULL REFERENCES migrations (id),
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    state        cutover_state NOT NULL,
    plan         jsonb         NOT NULL DEFAULT '{}'::jsonb,
    finished_at  timestamptz
);
CREATE INDEX cutover_runs_by_migration ON cutover_runs (migration_id, created_at DESC);
COMMENT ON COLUMN cutover_runs.state IS 'Current state; the history is in cutover_steps.';
COMMENT ON COLUMN cutover_runs.plan IS 'The cutover plan and options (gate thresholds, fence, routing, ...).';

CREATE TABLE cutover_steps (
    run_id     text          NOT NULL REFERENCES cutover_runs (run_id) ON DELETE CASCADE,
    step_no    integer       NOT NULL CHECK (step_no >= 1),
    from_state cutover_state,
    to_state   cutover_state NOT NULL,
    at         timestamptz   NOT NULL DEFAULT now(),
    evidence   jsonb         NOT NULL DEFAULT '{}'::jsonb,
    outcome    text          NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'skipped')),
    detail     text,
    PRIMARY KEY (run_id, step_no)
);
COMMENT ON COLUMN cutover_steps.evidence IS 'The inputs the transition was decided on (gate metrics, positions, checks).';
COMMENT ON COLUMN cutover_steps.detail IS 'Human-readable explanation, e.g. the error of a failed step.';
