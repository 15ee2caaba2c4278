package dev.driftguard.compare;

import dev.driftguard.compare.exec.BothSides;
import dev.driftguard.compare.exec.Workers;
import dev.driftguard.compare.schema.CatalogReader;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Words a run that selected no table: comparing nothing proves nothing, so it is refused with the schemas looked at
 * and the schemas that do hold tables on each side.
 */
final class NothingToCompare {

    private NothingToCompare() {}

    /** The refusal: the schemas read, what each database holds instead, and what to give. */
    static String describe(CompareOptions options, Workers workers) {
        BothSides<Map<String, Long>> found = Futures.await(workers.submit(
                s -> s.both("list the schemas that hold tables", (side, c) -> CatalogReader.tablesBySchema(c))));
        String looked = String.join(", ", options.scope().schemasToRead());
        String message = "nothing to compare: no table in schema(s) " + looked + " on the source or the target";
        if (found.source().isEmpty() && found.target().isEmpty()) {
            return message + "; neither database holds any table: check the database names in --source and --target";
        }
        return message + " (the source has tables in " + list(found.source()) + "; the target in "
                + list(found.target()) + "); give --schema with the schema to compare";
    }

    private static String list(Map<String, Long> tablesBySchema) {
        if (tablesBySchema.isEmpty()) {
            return "no schema";
        }
        return tablesBySchema.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + " table(s))")
                .collect(Collectors.joining(", "));
    }
}
