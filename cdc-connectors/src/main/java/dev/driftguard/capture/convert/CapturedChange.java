package dev.driftguard.capture.convert;

import dev.driftguard.avro.Op;
import dev.driftguard.avro.RowChange;
import dev.driftguard.row.TableId;

/** One converted row change: the Avro record and the Kafka key it is written under. */
public record CapturedChange(TableId table, Op op, byte[] kafkaKey, RowChange change) {}
