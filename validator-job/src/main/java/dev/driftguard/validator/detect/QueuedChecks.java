package dev.driftguard.validator.detect;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Divergences whose check waits in memory instead of in a Flink timer (see {@link DriftDetector}): key to when it was
 * queued, oldest first. Never checkpointed. A key that agrees again leaves it at once ({@link #remove}), so that most
 * divergences never cost a state access beyond their own events. Not thread-safe: the detector's task thread only.
 */
final class QueuedChecks {

    /** What the detector does with a key whose check leaves the queue. */
    interface Promotion {
        void promote(String key) throws Exception;
    }

    private final LinkedHashMap<String, Long> sinceMillis = new LinkedHashMap<>();

    void add(String key, long nowMillis) {
        sinceMillis.put(key, nowMillis);
    }

    void remove(String key) {
        sinceMillis.remove(key);
    }

    /** Takes every key queued at {@code cutoffMillis} or earlier out of the queue, oldest first, and promotes it. */
    void promoteUpTo(long cutoffMillis, Promotion promotion) throws Exception {
        Iterator<Map.Entry<String, Long>> oldestFirst = sinceMillis.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<String, Long> check = oldestFirst.next();
            if (check.getValue() > cutoffMillis) {
                return;
            }
            oldestFirst.remove();
            promotion.promote(check.getKey());
        }
    }
}
