package dev.driftguard.validator.detect;

/**
 * Replication lag read from the data: how much later the target committed a row version than the source did.
 *
 * <p>A PostgreSQL subscriber (native logical replication) commits applied transactions with the replication origin's
 * commit timestamp, and logical decoding on the subscriber reports that timestamp: there the two commit times are
 * identical and say nothing about the lag. In that case the target's capture time stands in for its commit time, which
 * bounds the lag from above by the target capture's own delay.
 */
final class ReplicationLag {

    private ReplicationLag() {}

    /** Milliseconds from the source's commit of a version to the target's (never negative: clocks can differ). */
    static long millis(SideVersion source, SideVersion target) {
        long targetMicros = target.commitMicros == source.commitMicros ? target.captureMicros : target.commitMicros;
        return Math.max(0, (targetMicros - source.commitMicros) / 1000);
    }
}
