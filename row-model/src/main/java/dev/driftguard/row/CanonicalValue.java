package dev.driftguard.row;

import java.util.Objects;

/**
 * One column value in canonical form: present (canonical text, possibly empty), SQL NULL, or UNKNOWN (Debezium's
 * unchanged-TOAST placeholder: the value exists but was not sent, so it can never be compared).
 */
public final class CanonicalValue {

    public static final CanonicalValue NULL = new CanonicalValue(null, false);
    public static final CanonicalValue UNKNOWN = new CanonicalValue(null, true);

    private final String text;
    private final boolean unknown;

    private CanonicalValue(String text, boolean unknown) {
        this.text = text;
        this.unknown = unknown;
    }

    public static CanonicalValue present(String text) {
        return new CanonicalValue(
                Objects.requireNonNull(text, "canonical text (use CanonicalValue.NULL for SQL NULL)"), false);
    }

    /** {@link #NULL} for null, otherwise {@link #present(String)}. */
    public static CanonicalValue ofNullable(String text) {
        return text == null ? NULL : present(text);
    }

    public boolean isNull() {
        return text == null && !unknown;
    }

    public boolean isUnknown() {
        return unknown;
    }

    public boolean isPresent() {
        return text != null;
    }

    /** The canonical text; throws unless {@link #isPresent()}. */
    public String text() {
        if (text == null) {
            throw new IllegalStateException(
                    "canonical value is " + (unknown ? "UNKNOWN" : "NULL") + ", it has no text");
        }
        return text;
    }

    /** The canonical text, or null for NULL and UNKNOWN. */
    public String textOrNull() {
        return text;
    }

    /**
     * Whether this value and {@code other} are known to differ: false when either is UNKNOWN, otherwise true when
     * they are not equal (NULL differs from every present value, including the empty text).
     */
    public boolean differsFrom(CanonicalValue other) {
        if (unknown || other.unknown) {
            return false;
        }
        return !Objects.equals(text, other.text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalValue other && unknown == other.unknown && Objects.equals(text, other.text);
    }

    @Override
    public int hashCode() {
        return unknown ? 1 : Objects.hashCode(text) * 31;
    }

    @Override
    public String toString() {
        return unknown ? "UNKNOWN" : text == null ? "NULL" : "'" + text + "'";
    }
}
