package dev.driftguard.validator.detect;

import dev.driftguard.avro.KeyPart;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.RowKey;
import java.util.List;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * The detector's key: {@code schema NUL table NUL encoded-row-key}. PostgreSQL identifiers cannot contain NUL, so the
 * parts split unambiguously; {@link RowKey#encoded()} is collision-safe. TRUNCATE records carry the empty key
 * ({@code []}), which no row's key encodes to.
 */
public final class DetectorKey implements KeySelector<ChangeEvent, String> {

    private static final long serialVersionUID = 1L;
    private static final char SEPARATOR = '\0';

    @Override
    public String getKey(ChangeEvent event) {
        return event.key;
    }

    static String of(String schema, String table, String encodedRowKey) {
        return schema + SEPARATOR + table + SEPARATOR + encodedRowKey;
    }

    static String schema(String key) {
        return key.substring(0, key.indexOf(SEPARATOR));
    }

    static String table(String key) {
        int first = key.indexOf(SEPARATOR);
        return key.substring(first + 1, key.indexOf(SEPARATOR, first + 1));
    }

    static List<KeyPart> keyParts(String key, List<String> keyColumns) {
        int second = key.indexOf(SEPARATOR, key.indexOf(SEPARATOR) + 1);
        return RowChangeFactory.keyParts(RowKey.decode(keyColumns, key.substring(second + 1)));
    }
}
