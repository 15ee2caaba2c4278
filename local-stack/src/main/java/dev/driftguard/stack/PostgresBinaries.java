package dev.driftguard.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A directory holding initdb, pg_ctl and postgres, and the major version they belong to. */
record PostgresBinaries(Path binDir, int majorVersion, String description) {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final List<String> SERVER_PROGRAMS = List.of("initdb", "pg_ctl", "postgres");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    Path program(String name) {
        return binDir.resolve(name);
    }

    /** A client program (pg_dump, psql) next to the server programs, if this installation has one. */
    Optional<Path> clientProgram(String name) {
        Path p = binDir.resolve(name);
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    static PostgresBinaries locate(BinariesSource source, Path explicitBinDir) {
        return switch (source) {
            case ARTIFACT -> ArtifactBinaries.extractOnce();
            case SYSTEM ->
                system().orElseThrow(() -> new LocalStackException(
                        "no PostgreSQL server binaries found under " + DEBIAN_ROOT + "/<version>/bin or via pg_config"
                                + " --bindir: install them (apt-get install postgresql) or use the artifact binaries"
                                + " (-Ddriftguard.postgres.binaries=artifact)"));
            case AUTO ->
                explicitBinDir != null
                        ? at(explicitBinDir, "explicit")
                                .orElseThrow(
                                        () -> new LocalStackException("the PostgreSQL bin directory " + explicitBinDir
                                                + " (driftguard.postgres.bin / DRIFTGUARD_PG_BIN) lacks an executable one of "
                                                + SERVER_PROGRAMS
                                                + ": point it at a directory with initdb, pg_ctl and postgres"))
                        : system().orElseGet(ArtifactBinaries::extractOnce);
        };
    }

    static Optional<PostgresBinaries> system() {
        Optional<PostgresBinaries> debian = highestUnder(DEBIAN_ROOT);
        if (debian.isPresent()) {
            return debian;
        }
        return pgConfigBinDir().flatMap(dir -> at(dir, "pg_config"));
    }

    private static Optional<PostgresBinaries> highestUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt((Path dir) ->
                                    Integer.parseInt(dir.getFileName().toString()))
                            .reversed())
                    .map(dir -> at(dir.resolve("bin"), "system"))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (java.io.IOException e) {
            throw new LocalStackException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> pgConfigBinDir() {
        CommandRunner.Result result;
        try {
            result =
                    CommandRunner.run(List.of("pg_config", "--bindir"), Path.of("/"), Map.of(), Duration.ofSeconds(10));
        } catch (LocalStackException noPgConfig) {
            LOG.debug("no pg_config on the PATH: {}", noPgConfig.getMessage());
            return Optional.empty();
        }
        return result.succeeded() ? Optional.of(Path.of(result.output().strip())) : Optional.empty();
    }

    /** The binaries in {@code binDir}, if it holds all server programs. */
    static Optional<PostgresBinaries> at(Path binDir, String origin) {
        if (!SERVER_PROGRAMS.stream().allMatch(p -> Files.isExecutable(binDir.resolve(p)))) {
            return Optional.empty();
        }
        String version = CommandRunner.run(
                        List.of(binDir.resolve("postgres").toString(), "--version"),
                        Path.of("/"),
                        Map.of(),
                        Duration.ofSeconds(30))
                .orThrow("asking " + binDir.resolve("postgres") + " for its version")
                .output()
                .strip();
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            throw new LocalStackException(
                    "cannot read a PostgreSQL version from '" + version + "' (" + binDir.resolve("postgres") + ")");
        }
        return Optional.of(new PostgresBinaries(binDir, Integer.parseInt(m.group(1)), origin + " " + version));
    }
}
