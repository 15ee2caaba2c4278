package dev.driftguard.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Copies a database's schema from one local server to another with pg_dump and psql. */
final class SchemaCopy {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private SchemaCopy() {}

    /**
     * Copies the schema (tables, types, sequences, functions; no data, publications or subscriptions) of
     * {@code database}, which must exist on both servers, from {@code source} to {@code target}.
     */
    static void copy(LocalPostgres source, LocalPostgres target, String database) {
        Path pgDump = clientProgram(source, "pg_dump");
        Path psql = clientProgram(source, "psql");
        Path dump;
        try {
            dump = Files.createTempFile("driftguard-schema-", ".sql");
        } catch (IOException e) {
            throw new LocalStackException("cannot create a temporary file for the schema dump", e);
        }
        try {
            run(List.of(
                            pgDump.toString(),
                            "--schema-only",
                            "--no-publications",
                            "--no-subscriptions",
                            "--file=" + dump,
                            "--dbname=" + source.uri(database)))
                    .orThrow("pg_dump of the schema of " + source.uri(database));
            run(List.of(
                            psql.toString(),
                            "--quiet",
                            "--no-psqlrc",
                            "--set=ON_ERROR_STOP=1",
                            "--file=" + dump,
                            "--dbname=" + target.uri(database)))
                    .orThrow("restoring the schema of " + database + " into " + target.uri(database));
        } finally {
            FileTrees.deleteRecursively(dump);
        }
    }

    private static CommandRunner.Result run(List<String> command) {
        return CommandRunner.run(command, Path.of("/"), Map.of(), COMMAND_TIMEOUT);
    }

    /** pg_dump/psql next to the server binaries, else the system's, if new enough for the servers. */
    private static Path clientProgram(LocalPostgres source, String name) {
        Optional<PostgresBinaries> own = PostgresBinaries.at(source.binDirectory(), "server");
        Optional<Path> program = own.flatMap(b -> b.clientProgram(name));
        if (program.isPresent()) {
            return program.get();
        }
        return PostgresBinaries.system()
                .filter(system -> system.majorVersion() >= source.majorVersion())
                .flatMap(system -> system.clientProgram(name))
                .orElseThrow(() -> new LocalStackException("no " + name + " of PostgreSQL " + source.majorVersion()
                        + " or newer next to " + source.binDirectory() + " or in the system installation: create"
                        + " the tables on both sides with executeOnBoth(...) instead, or install postgresql-client-"
                        + source.majorVersion()));
    }
}
