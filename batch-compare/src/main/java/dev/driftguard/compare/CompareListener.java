package dev.driftguard.compare;

import dev.driftguard.row.TableId;

/** Receives progress while a run is going on; called from worker threads, so implementations must be thread-safe. */
public interface CompareListener {

    CompareListener NONE = new CompareListener() {};

    /** After each finished segment and each phase change. */
    default void progress(CompareProgress progress) {}

    /** A segment was compared (not called for segments an earlier attempt of the run finished). */
    default void segmentFinished(TableId table, int segment) {}

    /** A table's result is final. */
    default void tableFinished(TableResult result) {}
}
