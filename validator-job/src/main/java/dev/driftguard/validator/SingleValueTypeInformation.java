package dev.driftguard.validator;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink type information for a value Flink must treat as one opaque field (no POJO or tuple analysis, never a key
 * type), serialized by the serializer the subclass names. Flink requires these methods of every
 * {@link TypeInformation}; this is the one place they are written.
 */
public abstract class SingleValueTypeInformation<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    protected SingleValueTypeInformation(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public final boolean isBasicType() {
        return false;
    }

    @Override
    public final boolean isTupleType() {
        return false;
    }

    @Override
    public final int getArity() {
        return 1;
    }

    @Override
    public final int getTotalFields() {
        return 1;
    }

    @Override
    public final Class<T> getTypeClass() {
        return type;
    }

    @Override
    public final boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + type.getName() + ">";
    }

    @Override
    public final boolean equals(Object o) {
        return canEqual(o) && type.equals(((SingleValueTypeInformation<?>) o).type);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(getClass(), type);
    }

    @Override
    public final boolean canEqual(Object o) {
        return o != null && o.getClass() == getClass();
    }
}
