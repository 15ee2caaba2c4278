package dev.driftguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One bad-input case of {@link BadInputITCase}: the command line, the exit code it must end with, the fragments its
 * message must contain (the offending value and what to do), and what it must not leave behind: a slot or publication
 * named after {@code migration} and a {@code driftguard} schema in {@code database}, and the {@code absent} files.
 */
record BadInputCase(
        String name,
        List<String> args,
        int exitCode,
        List<String> fragments,
        String database,
        String migration,
        List<Path> absent) {

    static BadInputCase of(String name, int exitCode, List<String> fragments, String... args) {
        return new BadInputCase(name, List.of(args), exitCode, fragments, null, null, List.of());
    }

    /** Checks that nothing named after {@code migration} and no audit schema was created in {@code database}. */
    BadInputCase leavesNothingIn(String database, String migration) {
        return new BadInputCase(name, args, exitCode, fragments, database, migration, absent);
    }

    /** Checks that {@code file} does not exist after the run. */
    BadInputCase leavesNoFile(Path file) {
        List<Path> files = new ArrayList<>(absent);
        files.add(file);
        return new BadInputCase(name, args, exitCode, fragments, database, migration, List.copyOf(files));
    }

    @Override
    public String toString() {
        return name;
    }
}
