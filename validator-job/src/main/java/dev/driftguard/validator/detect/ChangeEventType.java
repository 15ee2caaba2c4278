package dev.driftguard.validator.detect;

import dev.driftguard.validator.SingleValueTypeInformation;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information of {@link ChangeEvent}: serialized by {@link ChangeEventSerializer}. */
public final class ChangeEventType extends SingleValueTypeInformation<ChangeEvent> {

    private static final long serialVersionUID = 1L;

    public static final ChangeEventType INSTANCE = new ChangeEventType();

    private ChangeEventType() {
        super(ChangeEvent.class);
    }

    @Override
    public TypeSerializer<ChangeEvent> createSerializer(SerializerConfig config) {
        return new ChangeEventSerializer();
    }
}
