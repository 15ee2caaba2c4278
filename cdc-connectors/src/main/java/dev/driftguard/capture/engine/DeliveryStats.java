package dev.driftguard.capture.engine;

/**
 * Delivery counters of an embedded capture since it started.
 *
 * @param delivered row changes Kafka acknowledged
 * @param batches engine batches delivered
 * @param convertMillis time spent handing the records (converted by the engine's transform) to the producer
 * @param acknowledgeMillis time spent waiting for Kafka's acknowledgements
 */
public record DeliveryStats(long delivered, long batches, long convertMillis, long acknowledgeMillis) {}
