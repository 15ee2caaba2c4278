package dev.driftguard.compare;

import dev.driftguard.row.RowKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row that differs.
 *
 * @param key the row's key (canonical key column names and values)
 * @param columns the differing columns of a VALUE_MISMATCH (canonical names, sorted); empty otherwise
 * @param source canonical values on the source (null value = SQL NULL): the differing columns of a VALUE_MISMATCH,
 *     the whole row of a MISSING_ON_TARGET, empty for EXTRA_ON_TARGET and in hash-only mode. Values longer than the
 *     run's value limit are cut and end with {@link #TRUNCATION_MARK}.
 * @param target canonical values on the target, likewise
 */
public record Difference(
        DifferenceKind kind, RowKey key, List<String> columns, Map<String, String> source, Map<String, String> target) {

    /** Appended to a value that was cut at the value limit. */
    public static final String TRUNCATION_MARK = "…[truncated]";

    public Difference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        columns = List.copyOf(columns);
        source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        target = Collections.unmodifiableMap(new LinkedHashMap<>(target));
    }
}
