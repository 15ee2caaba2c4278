package dev.driftguard.compare;

import dev.driftguard.avro.Side;
import dev.driftguard.pg.PgIdentifiers;
import dev.driftguard.row.TableId;
import dev.driftguard.row.TableRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a compare run covers: the schemas and tables, and per table the excluded columns, declared key, row filter and
 * column renames. Parsed from the command line's text ({@link Builder}); errors name the option and the value.
 */
public final class CompareScope {

    /** A column excluded from comparison ({@code --exclude-columns t.c}); the column is a canonical name. */
    public record ExcludedColumn(TableRef table, String column) {}

    /** Key columns declared for a table ({@code --key t:c1,c2}); canonical names in key order. */
    public record KeyOverride(TableRef table, List<String> columns) {
        public KeyOverride {
            columns = List.copyOf(columns);
        }
    }

    /** A row filter for a table ({@code --where t:"predicate"}), applied on both sides. */
    public record RowFilter(TableRef table, String predicate) {}

    /** {@code side}'s physical column {@code column} of {@code table} holds canonical column {@code canonicalName}. */
    public record ColumnRename(TableRef table, Side side, String column, String canonicalName) {}

    private final List<String> schemas;
    private final List<TableRef> tables;
    private final List<ExcludedColumn> excludedColumns;
    private final List<KeyOverride> keyOverrides;
    private final List<RowFilter> rowFilters;
    private final List<ColumnRename> renames;

    private CompareScope(Builder b) {
        this.schemas = List.copyOf(b.schemas.isEmpty() ? List.of("public") : b.schemas);
        this.tables = List.copyOf(b.tables);
        this.excludedColumns = List.copyOf(b.excludedColumns);
        this.keyOverrides = List.copyOf(b.keyOverrides);
        this.rowFilters = List.copyOf(b.rowFilters);
        this.renames = List.copyOf(b.renames);
    }

    /** Schemas given with --schema ({@code public} if none). */
    public List<String> schemas() {
        return schemas;
    }

    /** Schemas whose catalogs are read: --schema plus those of schema-qualified --tables. */
    public List<String> schemasToRead() {
        Set<String> all = new LinkedHashSet<>(schemas);
        tables.stream().map(TableRef::schema).filter(Objects::nonNull).forEach(all::add);
        return List.copyOf(all);
    }

    /** Tables given with --tables; empty means every table of {@link #schemas()}. */
    public List<TableRef> tables() {
        return tables;
    }

    /** Whether {@code table} (found in {@link #schemasToRead()}) takes part in the run. */
    public boolean selects(TableId table) {
        if (tables.isEmpty()) {
            return schemas.contains(table.schema());
        }
        for (TableRef ref : tables) {
            if (ref.matches(table) && (ref.schema() != null || schemas.contains(table.schema()))) {
                return true;
            }
        }
        return false;
    }

    public List<ExcludedColumn> excludedColumns() {
        return excludedColumns;
    }

    public List<KeyOverride> keyOverrides() {
        return keyOverrides;
    }

    public List<RowFilter> rowFilters() {
        return rowFilters;
    }

    public List<ColumnRename> renames() {
        return renames;
    }

    /**
     * The column rules of {@code table}: excluded columns, renames and declared key.
     *
     * @throws IllegalArgumentException if two --key options name this table
     */
    public TableRules rulesFor(TableId table) {
        TableRules.Builder rules = TableRules.builder(table);
        excludedColumns.stream().filter(e -> e.table().matches(table)).forEach(e -> rules.exclude(e.column()));
        renames.stream()
                .filter(r -> r.table().matches(table))
                .forEach(r -> rules.rename(r.side(), r.column(), r.canonicalName()));
        List<KeyOverride> keys =
                keyOverrides.stream().filter(k -> k.table().matches(table)).toList();
        if (keys.size() > 1) {
            throw new IllegalArgumentException(CompareSettings.KEY.option() + " is given twice for table " + table
                    + ": " + keys.get(0).table() + " and " + keys.get(1).table() + "; give one --key per table");
        }
        if (!keys.isEmpty()) {
            rules.keyColumns(keys.get(0).columns());
        }
        return rules.build();
    }

    /**
     * The --where predicate of {@code table}, if any.
     *
     * @throws IllegalArgumentException if two --where options name this table
     */
    public Optional<String> rowFilterFor(TableId table) {
        List<RowFilter> filters =
                rowFilters.stream().filter(f -> f.table().matches(table)).toList();
        if (filters.size() > 1) {
            throw new IllegalArgumentException(CompareSettings.WHERE.option() + " is given twice for table " + table
                    + ": " + filters.get(0).table() + " and " + filters.get(1).table()
                    + "; combine the predicates with AND");
        }
        return filters.stream().findFirst().map(RowFilter::predicate);
    }

    /** The scope as stored with a run (a resumed run must have the same), in a stable order. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemas", schemas);
        m.put("tables", tables.stream().map(TableRef::toString).toList());
        m.put(
                "excludeColumns",
                new TreeSet<>(excludedColumns.stream()
                        .map(e -> e.table() + "." + e.column())
                        .toList()));
        m.put(
                "keys",
                keyOverrides.stream()
                        .map(k -> k.table() + ":" + String.join(",", k.columns()))
                        .sorted()
                        .toList());
        m.put(
                "where",
                rowFilters.stream()
                        .map(f -> f.table() + ":" + f.predicate())
                        .sorted()
                        .toList());
        m.put(
                "renames",
                renames.stream()
                        .map(r -> r.table() + ":" + r.side() + "." + r.column() + "=" + r.canonicalName())
                        .sorted()
                        .toList());
        return m;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Reads the scope options' text; each method throws naming the option, the value and the expected form. */
    static final class Builder {
        private final List<String> schemas = new ArrayList<>();
        private final List<TableRef> tables = new ArrayList<>();
        private final List<ExcludedColumn> excludedColumns = new ArrayList<>();
        private final List<KeyOverride> keyOverrides = new ArrayList<>();
        private final List<RowFilter> rowFilters = new ArrayList<>();
        private final List<ColumnRename> renames = new ArrayList<>();

        private Builder() {}

        void schema(String schema) {
            String option = CompareSettings.SCHEMA.option();
            if (schema == null || schema.isBlank()) {
                throw new IllegalArgumentException(option + " must name a schema, got '" + schema + "'");
            }
            List<String> parts = TableRef.split(schema, option);
            if (parts.size() != 1 || parts.get(0).isEmpty()) {
                throw new IllegalArgumentException(
                        option + " '" + schema + "' must be one schema name (quote it if it contains a dot)");
            }
            if (!schemas.contains(parts.get(0))) {
                schemas.add(parts.get(0));
            }
        }

        void tables(String commaSeparated) {
            for (String entry : PgIdentifiers.splitOutsideQuotes(commaSeparated, ',')) {
                tables.add(TableRef.parse(entry, CompareSettings.TABLES.option()));
            }
        }

        void table(TableRef table) {
            tables.add(Objects.requireNonNull(table, "table"));
        }

        void excludeColumns(String commaSeparated) {
            String option = CompareSettings.EXCLUDE_COLUMNS.option();
            for (String entry : PgIdentifiers.splitOutsideQuotes(commaSeparated, ',')) {
                List<String> parts = TableRef.split(entry, option);
                TableRef table =
                        switch (parts.size()) {
                            case 2 -> new TableRef(null, parts.get(0));
                            case 3 -> new TableRef(parts.get(0), parts.get(1));
                            default ->
                                throw new IllegalArgumentException(
                                        option + " '" + entry + "': expected table.column or schema.table.column");
                        };
                excludedColumns.add(new ExcludedColumn(table, parts.get(parts.size() - 1)));
            }
        }

        void key(String spec) {
            String option = CompareSettings.KEY.option();
            int colon = OptionSyntax.indexOutsideQuotes(spec, ':');
            if (colon <= 0 || colon == spec.length() - 1) {
                throw new IllegalArgumentException(
                        option + " '" + spec + "': expected table:column[,column...], e.g. public.orders:id");
            }
            TableRef table = TableRef.parse(spec.substring(0, colon), option);
            List<String> columns = new ArrayList<>();
            for (String column : PgIdentifiers.splitOutsideQuotes(spec.substring(colon + 1), ',')) {
                List<String> parts = TableRef.split(column, option);
                if (parts.size() != 1) {
                    throw new IllegalArgumentException(option + " '" + spec + "': column '" + column
                            + "' must be a plain column name (quote names containing dots)");
                }
                columns.add(parts.get(0));
            }
            keyOverrides.add(new KeyOverride(table, columns));
        }

        void where(String spec) {
            String option = CompareSettings.WHERE.option();
            int colon = OptionSyntax.indexOutsideQuotes(spec, ':');
            if (colon <= 0 || spec.substring(colon + 1).isBlank()) {
                throw new IllegalArgumentException(option + " '" + spec
                        + "': expected table:predicate, e.g. orders:\"created_at < '2024-01-01'\"");
            }
            TableRef table = TableRef.parse(spec.substring(0, colon), option);
            String predicate = spec.substring(colon + 1).trim();
            String problem = PredicateSyntax.problemWith(predicate);
            if (problem != null) {
                throw new IllegalArgumentException(option + " " + table + ": the predicate '" + predicate + "' "
                        + problem + "; give one self-contained SQL boolean expression (balanced parentheses and"
                        + " quotes, no ';'), e.g. " + table + ":\"id > 100 AND status <> 'x'\"");
            }
            rowFilters.add(new RowFilter(table, predicate));
        }

        void rename(TableRef table, Side side, String column, String canonicalName) {
            renames.add(new ColumnRename(table, side, column, canonicalName));
        }

        CompareScope build() {
            return new CompareScope(this);
        }
    }
}
