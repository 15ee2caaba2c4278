-- Batch compare (module batch-compare): what a run needs to resume and to report exactly what an uninterrupted run
-- would. Owned by batch-compare; versioned 1.1 so that the audit store's own next version (2) stays free.

ALTER TABLE batch_segments
    ADD COLUMN bucket_bits       integer CHECK (bucket_bits BETWEEN 0 AND 16),
    ADD COLUMN missing_on_target bigint  CHECK (missing_on_target >= 0),
    ADD COLUMN extra_on_target   bigint  CHECK (extra_on_target >= 0),
    ADD COLUMN value_mismatch    bigint  CHECK (value_mismatch >= 0),
    ADD COLUMN differences       jsonb   CHECK (differences IS NULL OR jsonb_typeof(differences) = 'array');
COMMENT ON COLUMN batch_segments.bucket_bits IS
    'The segment is checksummed in 2^bucket_bits hash buckets of its key (one scan); mismatching buckets are diffed.';
COMMENT ON COLUMN batch_segments.missing_on_target IS 'Rows found only on the source in this segment (before recheck).';
COMMENT ON COLUMN batch_segments.differences IS
    'Differences found in this segment before recheck, at most the run''s per-table limit:'
    ' [{"kind": k, "key": [canonical text, ...], "columns": [c, ...], "source": {c: hash}, "target": {c: hash}}].';
COMMENT ON COLUMN batch_segments.source_checksum IS
    'Sum over the segment''s rows of a 64-bit hash of the canonical row (numeric: no overflow).';
