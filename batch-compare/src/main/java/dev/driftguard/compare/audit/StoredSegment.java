package dev.driftguard.compare.audit;

import dev.driftguard.compare.segment.Segment;
import dev.driftguard.compare.segment.SegmentOutcome;
import java.util.List;
import java.util.Optional;

/**
 * A segment planned by an earlier attempt of a run, with its outcome if that attempt finished it.
 *
 * @param keyColumns the key columns its bounds name; null for a segment without bounds
 */
public record StoredSegment(Segment segment, List<String> keyColumns, Optional<SegmentOutcome> outcome) {}
