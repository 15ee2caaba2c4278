package dev.driftguard.compare.schema;

import dev.driftguard.avro.Side;
import dev.driftguard.compare.SchemaDifference;
import dev.driftguard.compare.TableStatus;
import dev.driftguard.row.CanonicalType;
import dev.driftguard.row.CanonicalTypes;
import dev.driftguard.row.TableId;
import dev.driftguard.row.TableRules;
import dev.driftguard.row.TypeFamily;
import dev.driftguard.row.UnsupportedColumnTypeException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Matches a table's columns across the two sides by canonical name (after exclusions and renames), checks that their
 * types are comparable and chooses the key.
 */
public final class TableMapper {

    /**
     * Key types whose canonical text can be cast back to the column type on either side (so key bounds and lookups
     * are plain, indexable comparisons) and whose ordering does not depend on the side.
     */
    static final Set<TypeFamily> KEY_FAMILIES = EnumSet.of(
            TypeFamily.INTEGER,
            TypeFamily.NUMERIC,
            TypeFamily.TEXT,
            TypeFamily.UUID,
            TypeFamily.DATE,
            TypeFamily.TIME,
            TypeFamily.TIMESTAMP,
            TypeFamily.BOOLEAN,
            TypeFamily.BYTES);

    /** What mapping a table gave. */
    public sealed interface Outcome permits Mapped, NotComparable {}

    /** The table can be compared row by row. */
    public record Mapped(TableMapping mapping) implements Outcome {}

    /** The table cannot be compared row by row; {@code status} and {@code reason} say why. */
    public record NotComparable(TableStatus status, String reason, List<SchemaDifference> schemaDifferences)
            implements Outcome {
        public NotComparable {
            schemaDifferences = List.copyOf(schemaDifferences);
        }
    }

    private TableMapper() {}

    public static Outcome map(TableInfo source, TableInfo target, TableRules rules, Optional<String> rowFilter) {
        TableId table = source.id();
        Map<String, ColumnInfo> sourceColumns;
        Map<String, ColumnInfo> targetColumns;
        try {
            sourceColumns = canonicalColumns(source, Side.SOURCE, rules);
            targetColumns = canonicalColumns(target, Side.TARGET, rules);
        } catch (IllegalArgumentException e) {
            return new NotComparable(TableStatus.ERROR, e.getMessage(), List.of());
        }
        Set<String> names = new TreeSet<>(sourceColumns.keySet());
        names.addAll(targetColumns.keySet());

        List<MappedColumn> columns = new ArrayList<>();
        List<SchemaDifference> differences = new ArrayList<>();
        for (String name : names) {
            mapColumn(table, name, sourceColumns.get(name), targetColumns.get(name), differences)
                    .ifPresent(columns::add);
        }

        Optional<List<String>> keyNames = keyNames(source, rules);
        if (keyNames.isEmpty()) {
            return new NotComparable(
                    TableStatus.SKIPPED,
                    "table " + table + " has no primary key and no unique index on NOT NULL columns on the source,"
                            + " so rows cannot be matched; declare the key with --key " + table
                            + ":column[,column...]",
                    differences);
        }
        List<MappedColumn> key = new ArrayList<>();
        for (String keyName : keyNames.get()) {
            Optional<MappedColumn> column =
                    columns.stream().filter(c -> c.name().equals(keyName)).findFirst();
            if (column.isEmpty()) {
                return unusableKey(table, keyName, differences, sourceColumns.containsKey(keyName));
            }
            TypeFamily family = column.get().sourceType().family();
            if (!KEY_FAMILIES.contains(family)) {
                return new NotComparable(
                        TableStatus.SKIPPED,
                        "key column \"" + keyName + "\" of " + table + " has type "
                                + column.get().source().typeSql()
                                + " (" + family + "), which cannot be used to split the table into key ranges;"
                                + " declare another key with --key " + table + ":column[,column...]",
                        differences);
            }
            key.add(column.get());
        }
        return new Mapped(new TableMapping(table, source, target, columns, key, differences, rowFilter));
    }

    /** The column of {@code name} on both sides, or empty with the schema difference that keeps it out. */
    private static Optional<MappedColumn> mapColumn(
            TableId table, String name, ColumnInfo s, ColumnInfo t, List<SchemaDifference> differences) {
        if (s == null || t == null) {
            differences.add(missingColumn(name, s, t));
            return Optional.empty();
        }
        CanonicalType sourceType;
        CanonicalType targetType;
        try {
            sourceType = CanonicalTypes.resolve(table, s.name(), s.type());
            targetType = CanonicalTypes.resolve(table, t.name(), t.type());
        } catch (UnsupportedColumnTypeException e) {
            differences.add(new SchemaDifference(
                    SchemaDifference.Kind.UNSUPPORTED_TYPE, name, s.typeSql(), t.typeSql(), e.getMessage()));
            return Optional.empty();
        }
        if (!CanonicalTypes.compatible(sourceType, targetType)) {
            differences.add(new SchemaDifference(
                    SchemaDifference.Kind.INCOMPATIBLE_TYPES,
                    name,
                    s.typeSql(),
                    t.typeSql(),
                    "column \"" + name + "\" is " + s.typeSql() + " (" + sourceType.family()
                            + ") on the source but " + t.typeSql() + " (" + targetType.family()
                            + ") on the target; it is not compared"));
            return Optional.empty();
        }
        return Optional.of(new MappedColumn(name, s, t, sourceType, targetType));
    }

    /** The declared key (--key), else the source's row identity in canonical names; empty when there is neither. */
    private static Optional<List<String>> keyNames(TableInfo source, TableRules rules) {
        List<String> declared = rules.keyColumnsOverride();
        if (!declared.isEmpty()) {
            return Optional.of(declared);
        }
        return source.rowIdentity().map(identity -> identity.stream()
                .map(c -> rules.canonicalName(Side.SOURCE, c))
                .toList());
    }

    /** A key column that is not compared: why (its schema difference, or excluded, or unknown). */
    private static NotComparable unusableKey(
            TableId table, String keyName, List<SchemaDifference> differences, boolean onSource) {
        Optional<SchemaDifference> why =
                differences.stream().filter(d -> d.column().equals(keyName)).findFirst();
        boolean unknown = why.isEmpty() && !onSource;
        return new NotComparable(
                why.map(d -> d.kind() == SchemaDifference.Kind.UNSUPPORTED_TYPE
                                ? TableStatus.ERROR
                                : TableStatus.DIFFERENT)
                        .orElse(TableStatus.ERROR),
                "rows of " + table + " cannot be compared: key column \"" + keyName + "\" "
                        + why.map(SchemaDifference::detail)
                                .orElse(
                                        unknown
                                                ? "does not exist (check --key and --exclude-columns)"
                                                : "is excluded from comparison"),
                differences);
    }

    private static SchemaDifference missingColumn(String name, ColumnInfo source, ColumnInfo target) {
        if (target == null) {
            return new SchemaDifference(
                    SchemaDifference.Kind.MISSING_ON_TARGET,
                    name,
                    source.typeSql(),
                    null,
                    "column \"" + name + "\" exists on the source only");
        }
        return new SchemaDifference(
                SchemaDifference.Kind.MISSING_ON_SOURCE,
                name,
                null,
                target.typeSql(),
                "column \"" + name + "\" exists on the target only");
    }

    private static Map<String, ColumnInfo> canonicalColumns(TableInfo table, Side side, TableRules rules) {
        Map<String, ColumnInfo> byName = new TreeMap<>();
        for (ColumnInfo column : table.columns()) {
            String canonical = rules.canonicalName(side, column.name());
            if (!rules.includes(canonical)) {
                continue;
            }
            ColumnInfo previous = byName.putIfAbsent(canonical, column);
            if (previous != null) {
                throw new IllegalArgumentException("columns \"" + previous.name() + "\" and \"" + column.name()
                        + "\" of " + table.id() + " on the " + side.name().toLowerCase(Locale.ROOT)
                        + " both map to canonical column \"" + canonical + "\"; fix the rename rules");
            }
        }
        return byName;
    }
}
