package dev.driftguard.validator.bench;

import dev.driftguard.avro.Op;
import dev.driftguard.row.CanonicalRow;

/**
 * The 14 columns a row of the benchmark's wide table has beyond the narrow ones (20 in all): numbers, timestamps,
 * short texts and a {@code description} that in one row of ten is a ~100 KB text. Such a text is TOASTed by
 * PostgreSQL, so an update that leaves it alone carries Debezium's unchanged-TOAST placeholder (UNKNOWN) for it, as
 * capture sends it for a table without REPLICA IDENTITY FULL; the insert carries the whole text.
 */
final class WideRows {

    static final int LONG_TEXT_BYTES = 100 * 1024;
    private static final String LONG_TEXT = longText();
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};
    private static final String[] CHANNELS = {"web", "app", "store", "phone"};

    private WideRows() {}

    static CanonicalRow.Builder addColumns(CanonicalRow.Builder row, long id, Op op, int seed) {
        row.present("created_at", "2025-06-" + (10 + seed % 5) + " 08:00:00")
                .present("currency", CURRENCIES[seed % CURRENCIES.length])
                .present("country", seed % 3 == 0 ? "DE" : "FR")
                .present("channel", CHANNELS[seed % CHANNELS.length])
                .present("sku", "SKU-" + (seed % 9_000 + 1_000))
                .present("quantity", Integer.toString(1 + seed % 9))
                .present("discount", (seed % 30) + ".00")
                .present("tax", (seed % 2_000) + "." + (seed % 90 + 10))
                .present("shipping_method", seed % 2 == 0 ? "standard" : "express")
                .present("tracking_no", "TRK" + (id * 7_919 % 100_000_000))
                .present("warehouse_id", Integer.toString(seed % 40))
                .present("priority", Integer.toString(seed % 4))
                .present("flags", seed % 5 == 0 ? "{fragile,insured}" : "{}");
        if (id % 10 != 0) {
            return row.present("description", "standard parcel, " + (seed % 20) + " kg");
        }
        return op == Op.UPDATE ? row.unknown("description") : row.present("description", id + " " + LONG_TEXT);
    }

    private static String longText() {
        StringBuilder text = new StringBuilder(LONG_TEXT_BYTES);
        for (int i = 0; text.length() < LONG_TEXT_BYTES; i++) {
            text.append("line ").append(i).append(": the parcel was handed over to the carrier at the depot. ");
        }
        return text.substring(0, LONG_TEXT_BYTES);
    }
}
