package dev.driftguard.validator.kafka;

import dev.driftguard.avro.Side;
import java.util.Locale;
import java.util.Objects;

/**
 * The Kafka names of one migration's validator: the two input topics capture writes ({@code driftguard.<migration>.
 * source|target}, the naming of cdc-connectors' CaptureNames), the output topics, the transactional id prefixes of
 * the exactly-once sinks and the consumer group.
 */
public record ValidatorTopics(String migration) {

    public ValidatorTopics {
        Objects.requireNonNull(migration, "migration");
    }

    public String changes(Side side) {
        return "driftguard." + migration + "." + side.name().toLowerCase(Locale.ROOT);
    }

    /** DriftEvent records, keyed like capture's records (table and key) so a drift and its resolution stay ordered. */
    public String drifts() {
        return "driftguard." + migration + ".drifts";
    }

    /** ValidationStatus records, keyed by table ({@code ""} for the whole migration). */
    public String status() {
        return "driftguard." + migration + ".status";
    }

    public String driftTransactionalIdPrefix() {
        return "driftguard-" + migration + "-drift";
    }

    public String statusTransactionalIdPrefix() {
        return "driftguard-" + migration + "-status";
    }

    public String consumerGroup() {
        return "driftguard-validator-" + migration;
    }
}
