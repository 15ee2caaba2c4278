package dev.driftguard.demo;

import dev.driftguard.avro.DriftEvent;
import dev.driftguard.avro.DriftKind;
import dev.driftguard.avro.KeyPart;
import dev.driftguard.demo.DemoSchema.DemoTable;
import dev.driftguard.pg.ConnectionSpec;
import dev.driftguard.pg.DatabaseAccessException;
import dev.driftguard.row.RowChangeFactory;
import dev.driftguard.row.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The drifts the demo injects directly on the target (one per kind, on keys the workload never touches, so native
 * replication never overwrites them), the validator's reports matched against them, and the repair: each row copied
 * back from the source.
 */
final class DriftScenario {

    /** What a drift event meant for the scenario, for the console. */
    sealed interface Outcome {
        record Found(InjectedDrift drift) implements Outcome {}

        record Resolved(InjectedDrift drift) implements Outcome {}

        record Unexpected(DriftEvent event) implements Outcome {}
    }

    static final long MISMATCH_ACCOUNT = 7;
    static final long DELETED_ORDER_ACCOUNT = 8;
    static final long EXTRA_ORDER_ACCOUNT = 9;

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final List<InjectedDrift> drifts = new ArrayList<>();
    private final List<DriftEvent> unexpected = new ArrayList<>();

    DriftScenario(ConnectionSpec source, ConnectionSpec target) {
        this.source = source;
        this.target = target;
    }

    /** Writes the three drifts on the target, each in its own transaction, and returns them. */
    List<InjectedDrift> inject() {
        try (Connection c = target.connect()) {
            execute(c, "UPDATE public.accounts SET balance = balance + 0.01 WHERE id = ?", MISMATCH_ACCOUNT);
            drifts.add(InjectedDrift.injected(
                    DriftKind.VALUE_MISMATCH,
                    DemoSchema.ACCOUNTS,
                    MISMATCH_ACCOUNT,
                    "UPDATE balance + 0.01",
                    Instant.now()));

            UUID deleted = firstOrderOf(c, DELETED_ORDER_ACCOUNT);
            execute(c, "DELETE FROM public.orders WHERE order_id = ?", deleted);
            drifts.add(InjectedDrift.injected(
                    DriftKind.MISSING_ON_TARGET, DemoSchema.ORDERS, deleted, "DELETE", Instant.now()));

            UUID extra = UUID.randomUUID();
            execute(
                    c,
                    "INSERT INTO public.orders (order_id, account_id, status, amount, placed_at, items)"
                            + " VALUES (?, ?, 'paid', 42.00, now(), '[{\"sku\": \"SKU-0\", \"qty\": 1}]')",
                    extra,
                    EXTRA_ORDER_ACCOUNT);
            drifts.add(InjectedDrift.injected(
                    DriftKind.EXTRA_ON_TARGET, DemoSchema.ORDERS, extra, "INSERT", Instant.now()));
            return List.copyOf(drifts);
        } catch (SQLException e) {
            throw new DatabaseAccessException(
                    "injecting drift on the target " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Makes the target agree with the source again: each drifted row is copied from the source (or deleted). */
    List<InjectedDrift> repair() {
        try (Connection src = source.connect();
                Connection dst = target.connect()) {
            for (int i = 0; i < drifts.size(); i++) {
                InjectedDrift drift = drifts.get(i);
                copyRow(src, dst, drift.table(), drift.keyValue());
                drifts.set(i, drift.withRepairedAt(Instant.now()));
            }
            return List.copyOf(drifts);
        } catch (SQLException e) {
            throw new DatabaseAccessException(
                    "repairing the drifted rows on the target " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Matches a drift event from the validator against the injected drifts. */
    Outcome onEvent(DriftEvent event, Instant receivedAt) {
        for (int i = 0; i < drifts.size(); i++) {
            InjectedDrift drift = drifts.get(i);
            if (!matches(drift, event)) {
                continue;
            }
            if (event.getKind() == DriftKind.RESOLVED) {
                InjectedDrift resolved = drift.withResolvedAt(receivedAt);
                drifts.set(i, resolved);
                return new Outcome.Resolved(resolved);
            }
            // An open drift is reported again when its kind or columns change: keep when it was first reported.
            Instant firstReported = drift.isFound() ? drift.found().at() : receivedAt;
            InjectedDrift found =
                    drift.withFound(new InjectedDrift.Reported(event.getKind(), firstReported, details(event)));
            drifts.set(i, found);
            return new Outcome.Found(found);
        }
        unexpected.add(event);
        return new Outcome.Unexpected(event);
    }

    List<InjectedDrift> drifts() {
        return List.copyOf(drifts);
    }

    /** Drift events (and resolutions) for keys the demo did not touch. */
    List<DriftEvent> unexpected() {
        return List.copyOf(unexpected);
    }

    boolean allFound() {
        return !drifts.isEmpty() && drifts.stream().allMatch(InjectedDrift::isFound);
    }

    boolean allResolved() {
        return !drifts.isEmpty() && drifts.stream().allMatch(InjectedDrift::isResolved);
    }

    /** {@code balance: source 1234.56, target 1234.57}, or what is missing where. */
    static String details(DriftEvent event) {
        return switch (event.getKind()) {
            case MISSING_ON_TARGET -> "the row is on the source only";
            case EXTRA_ON_TARGET -> "the row is on the target only";
            case RESOLVED -> "source and target agree again";
            case VALUE_MISMATCH ->
                event.getColumns().stream()
                        .map(column -> column + ": source " + value(event.getSourceValues(), column) + ", target "
                                + value(event.getTargetValues(), column))
                        .collect(Collectors.joining("; "));
        };
    }

    /** {@code public.accounts id=7} for any drift event. */
    static String where(DriftEvent event) {
        return new TableId(event.getSchema$(), event.getTable()) + " "
                + RowChangeFactory.rowKey(event.getKey()).format(", ");
    }

    private static String value(Map<String, String> values, String column) {
        if (values == null) {
            return "(hidden)";
        }
        String value = values.get(column);
        return value == null ? "NULL" : value;
    }

    private static boolean matches(InjectedDrift drift, DriftEvent event) {
        TableId table = drift.table().id();
        if (!table.schema().equals(event.getSchema$()) || !table.name().equals(event.getTable())) {
            return false;
        }
        List<KeyPart> key = event.getKey();
        return key.size() == 1
                && key.get(0).getColumn().equals(drift.table().keyColumn())
                && key.get(0).getValue().equals(drift.keyText());
    }

    private static UUID firstOrderOf(Connection c, long account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT order_id FROM public.orders WHERE account_id = ? ORDER BY order_id LIMIT 1")) {
            ps.setLong(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the target has no order of account " + account
                            + " to delete; the seed data should have created three");
                }
                return rs.getObject(1, UUID.class);
            }
        }
    }

    /** Copies one row from the source to the target by key, or deletes it on the target if the source has none. */
    private static void copyRow(Connection src, Connection dst, DemoTable table, Object key) throws SQLException {
        String quotedKey = TableId.quoteIdentifier(table.keyColumn());
        String sourceRow;
        try (PreparedStatement ps = src.prepareStatement(
                "SELECT to_jsonb(t)::text FROM " + table.id().quoted() + " t WHERE " + quotedKey + " = ?")) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                sourceRow = rs.next() ? rs.getString(1) : null;
            }
        }
        if (sourceRow == null) {
            execute(dst, "DELETE FROM " + table.id().quoted() + " WHERE " + quotedKey + " = ?", key);
            return;
        }
        List<String> others = table.columns().stream()
                .filter(column -> !column.equals(table.keyColumn()))
                .map(TableId::quoteIdentifier)
                .toList();
        execute(
                dst,
                "INSERT INTO " + table.id().quoted() + " SELECT * FROM jsonb_populate_record(NULL::"
                        + table.id().quoted() + ", ?::jsonb) ON CONFLICT (" + quotedKey + ") DO UPDATE SET ("
                        + String.join(", ", others) + ") = ROW("
                        + others.stream().map(c -> "EXCLUDED." + c).collect(Collectors.joining(", ")) + ")",
                sourceRow);
    }

    private static void execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.executeUpdate();
        }
    }
}
