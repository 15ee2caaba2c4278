package dev.driftguard.compare;

import dev.driftguard.stack.LocalPostgres;
import java.util.function.Consumer;

/** Two fresh databases on one test server, a source and a target, and a compare between them. */
final class ComparePair {

    final LocalPostgres postgres;
    final String source;
    final String target;

    private ComparePair(LocalPostgres postgres, String source, String target) {
        this.postgres = postgres;
        this.source = source;
        this.target = target;
    }

    static ComparePair create(LocalPostgres postgres, String hint) {
        return new ComparePair(
                postgres, postgres.createUniqueDatabase(hint + "_src"), postgres.createUniqueDatabase(hint + "_tgt"));
    }

    ComparePair onSource(String... sql) {
        postgres.execute(source, sql);
        return this;
    }

    ComparePair onTarget(String... sql) {
        postgres.execute(target, sql);
        return this;
    }

    ComparePair onBoth(String... sql) {
        return onSource(sql).onTarget(sql);
    }

    CompareOptionsBuilder options() {
        return CompareOptions.builder()
                .source(postgres.connectionSpec(source))
                .target(postgres.connectionSpec(target))
                .threads(2);
    }

    CompareResult compare() {
        return compare(b -> {});
    }

    CompareResult compare(Consumer<CompareOptionsBuilder> customize) {
        CompareOptionsBuilder builder = options();
        customize.accept(builder);
        return new BatchCompare(builder.build(), CompareListener.NONE).run();
    }

    static TableResult table(CompareResult result, String name) {
        return result.tables().stream()
                .filter(t -> t.table().toString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no result for table " + name + " in " + result.tables()));
    }
}
