package io.ossaat.engine;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;

import io.ossaat.engine.config.ConfigException;

/**
 * The data dir holds the owner's token and the passwords of the embedded services, so only the engine's user may
 * enter it. It is created with mode 0700; an existing one owned by someone else or open to other users is refused
 * rather than trusted, and so is such a token file (another local user could have planted or read it).
 */
public final class DataDir {
    /** The owner's API token. */
    public static final String TOKEN = "token";
    /** The embedded PostgreSQL's password. */
    public static final String PG_PASSWORD = "pg-password";
    /** The embedded Redis's password. */
    public static final String REDIS_PASSWORD = "redis-password";

    private DataDir() {
    }

    /**
     * Creates the folder (0700) or checks the existing one and its token file.
     *
     * @throws ConfigException (setting {@code data-dir}) saying what is wrong and how to fix it
     */
    public static void prepare(Path dir) {
        try {
            if (!Files.exists(dir)) {
                PrivateFiles.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new ConfigException("data-dir", "cannot create " + dir + ": " + e.getMessage());
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("data-dir", dir + " is not a folder");
        }
        if (!PrivateFiles.posix()) {
            return; // Windows: the folder under the user's profile inherits the profile's access rules
        }
        Optional<UserPrincipal> me = currentUser();
        check(dir, "the data dir", "700", me);
        Path token = dir.resolve(TOKEN);
        if (Files.exists(token)) {
            check(token, "the token file", "600", me);
        }
    }

    private static void check(Path path, String what, String mode, Optional<UserPrincipal> me) {
        try {
            UserPrincipal owner = Files.getOwner(path);
            if (me.isPresent() && !owner.equals(me.get())) {
                throw new ConfigException("data-dir", what + " " + path + " belongs to user " + owner.getName()
                        + ", not to " + me.get().getName() + " who runs the engine; refusing to trust it (use a"
                        + " --data-dir of your own)");
            }
            Optional<String> open = PrivateFiles.openToOthers(path);
            if (open.isPresent()) {
                throw new ConfigException("data-dir", what + " " + path + " is open to other users (mode "
                        + open.get() + "); run 'chmod " + mode + " " + path + "' and start again");
            }
        } catch (IOException e) {
            throw new ConfigException("data-dir", "cannot check " + what + " " + path + ": " + e.getMessage());
        }
    }

    /** The user this process runs as; empty when the system cannot say (then ownership is not checked). */
    private static Optional<UserPrincipal> currentUser() {
        try {
            return Optional.of(FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name")));
        } catch (IOException | RuntimeException e) {
            try {
                return Optional.of(Files.getOwner(Path.of("/proc/self"))); // a uid without a passwd entry
            } catch (IOException | RuntimeException e2) {
                return Optional.empty();
            }
        }
    }
}
