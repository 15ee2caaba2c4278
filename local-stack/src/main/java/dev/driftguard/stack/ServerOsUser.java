package dev.driftguard.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operating-system user that runs initdb, pg_ctl and postgres. PostgreSQL refuses to run as root, so a root JVM
 * drops to {@code postgres} (or {@code nobody} where that user does not exist) with {@code runuser}; any other JVM
 * runs the server as itself.
 */
final class ServerOsUser {

    private final String name;
    private final boolean dropsPrivileges;

    private ServerOsUser(String name, boolean dropsPrivileges) {
        this.name = name;
        this.dropsPrivileges = dropsPrivileges;
    }

    static ServerOsUser detect() {
        if (!isRoot()) {
            return new ServerOsUser(System.getProperty("user.name"), false);
        }
        return new ServerOsUser(userExists("postgres") ? "postgres" : "nobody", true);
    }

    static boolean isRoot() {
        try {
            // /proc/self belongs to the effective uid of the calling process.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean userExists(String user) {
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up OS user " + user, e);
        }
    }

    String name() {
        return name;
    }

    /** The command line that runs {@code command} as this user. */
    List<String> wrap(List<String> command) {
        if (!dropsPrivileges) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", name, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Makes this user the owner of {@code path} and everything below it (a no-op without privilege drop). */
    void takeOwnership(Path path) {
        if (!dropsPrivileges) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        try (Stream<Path> tree = Files.walk(path)) {
            UserPrincipal owner = lookup.lookupPrincipalByName(name);
            GroupPrincipal group = primaryGroup(lookup);
            for (Path p : (Iterable<Path>) tree::iterator) {
                PosixFileAttributeView view =
                        Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                view.setOwner(owner);
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw new LocalStackException("cannot give " + path + " to OS user " + name + ": " + e.getMessage(), e);
        }
    }

    private GroupPrincipal primaryGroup(UserPrincipalLookupService lookup) throws IOException {
        CommandRunner.Result id = CommandRunner.run(
                        List.of("id", "-gn", name), Path.of("/"), Map.of(), Duration.ofSeconds(10))
                .orThrow("looking up the primary group of OS user " + name);
        return lookup.lookupPrincipalByGroupName(id.output().strip());
    }

    @Override
    public String toString() {
        return dropsPrivileges ? name + " (via runuser)" : name;
    }
}
