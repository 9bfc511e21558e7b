package io.ossaat.engine;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for files that hold secrets (the engine's data dir and token, the console's attach token): only
 * their owner may read, write or enter them. Callers word the refusal for their own user.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** Whether files here have POSIX modes; on Windows the profile folder's access rules protect them instead. */
    public static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * The mode of {@code path} (as {@code rw-r--r--}) when its group or other users may do anything with it; empty
     * when only its owner may, or where files have no POSIX modes.
     */
    public static Optional<String> openToOthers(Path path) throws IOException {
        if (!posix()) {
            return Optional.empty();
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        Set<PosixFilePermission> open = EnumSet.copyOf(OTHERS);
        open.retainAll(mode);
        return open.isEmpty() ? Optional.empty() : Optional.of(PosixFilePermissions.toString(mode));
    }

    /** Creates {@code dir} and any missing parents with mode 0700 (where files have POSIX modes). */
    public static void createDirectories(Path dir) throws IOException {
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }
}
