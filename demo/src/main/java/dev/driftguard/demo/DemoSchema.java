package dev.driftguard.demo;

import dev.driftguard.row.TableId;
import java.util.List;

/**
 * The demo's tables: {@code accounts} (bigint key) and {@code orders} (uuid key), with text, numeric, timestamptz and
 * jsonb columns. Accounts {@code 1..}{@value #RESERVED_ACCOUNTS} and their orders belong to the drift scenario; the
 * workload only ever touches the accounts above and the orders it creates itself, so native replication never
 * overwrites an injected drift.
 */
final class DemoSchema {

    /** A table with a one-column primary key. */
    record DemoTable(TableId id, String keyColumn, List<String> columns) {}

    static final DemoTable ACCOUNTS = new DemoTable(
            new TableId("public", "accounts"),
            "id",
            List.of("id", "owner", "email", "balance", "updated_at", "profile"));

    static final DemoTable ORDERS = new DemoTable(
            new TableId("public", "orders"),
            "order_id",
            List.of("order_id", "account_id", "status", "amount", "placed_at", "items"));

    static final int ACCOUNT_COUNT = 1_000;
    static final int ORDER_COUNT = 3_000;
    static final int RESERVED_ACCOUNTS = 100;

    static final List<String> DDL = List.of(
            """
            CREATE TABLE public.accounts (
                id         bigint PRIMARY KEY,
                owner      text NOT NULL,
                email      text,
                balance    numeric(12,2) NOT NULL,
                updated_at timestamptz NOT NULL,
                profile    jsonb NOT NULL
            )""",
            """
            CREATE TABLE public.orders (
                order_id   uuid PRIMARY KEY,
                account_id bigint NOT NULL REFERENCES public.accounts (id),
                status     text NOT NULL,
                amount     numeric(12,2) NOT NULL,
                placed_at  timestamptz NOT NULL,
                items      jsonb NOT NULL
            )""",
            "CREATE INDEX orders_account_id ON public.orders (account_id)");

    static final List<String> SEED = List.of(
            """
            INSERT INTO public.accounts (id, owner, email, balance, updated_at, profile)
            SELECT g,
                   (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Margaret','Ken','Frances','John'])[1 + g % 10]
                       || ' '
                       || (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Hamilton','Thompson',
                                 'Allen','Backus'])[1 + (g / 10) % 10],
                   CASE WHEN g % 17 = 0 THEN NULL ELSE 'user' || g || '@example.com' END,
                   round((g * 7919 % 1000000) / 100.0, 2),
                   timestamptz '2024-01-01 00:00:00+00' + g * interval '37 minutes 12.345678 seconds',
                   jsonb_build_object('tier', (ARRAY['basic','silver','gold'])[1 + g % 3],
                                      'country', (ARRAY['DE','FR','US','JP','BR'])[1 + g % 5],
                                      'newsletter', g % 2 = 0)
            FROM generate_series(1, ACCOUNT_COUNT) AS g"""
                    .replace("ACCOUNT_COUNT", Integer.toString(ACCOUNT_COUNT)),
            """
            INSERT INTO public.orders (order_id, account_id, status, amount, placed_at, items)
            SELECT gen_random_uuid(),
                   1 + g % ACCOUNT_COUNT,
                   (ARRAY['paid','shipped','delivered'])[1 + g % 3],
                   round((g * 104729 % 50000) / 100.0, 2),
                   timestamptz '2024-06-01 00:00:00+00' + g * interval '11 minutes',
                   jsonb_build_array(jsonb_build_object('sku', 'SKU-' || g % 97, 'qty', 1 + g % 4))
            FROM generate_series(1, ORDER_COUNT) AS g"""
                    .replace("ACCOUNT_COUNT", Integer.toString(ACCOUNT_COUNT))
                    .replace("ORDER_COUNT", Integer.toString(ORDER_COUNT)));

    static final List<DemoTable> TABLES = List.of(ACCOUNTS, ORDERS);

    private DemoSchema() {}
}
