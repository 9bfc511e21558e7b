package io.ossaat.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A random secret kept in a file only its owner may read (mode 0600): the API token and the passwords of the
 * embedded PostgreSQL and Redis. Written to a temporary name first, so a crash never leaves half a secret.
 */
public final class SecretFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The secret, and whether this call created it. */
    public record Secret(String value, boolean created) {
    }

    private SecretFile() {
    }

    /** Reads the secret in {@code file}, or writes a new one: {@code prefix} then 64 hex digits. */
    public static Secret loadOrCreate(Path file, String prefix) {
        try {
            if (Files.isRegularFile(file)) {
                String value = Files.readString(file).trim();
                if (value.length() >= 16) {
                    return new Secret(value, false);
                }
            }
            String value = prefix + randomHex(32);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // not a POSIX file system: the folder's own access rules protect it
            }
            Files.writeString(tmp, value + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Secret(value, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code bytes} random bytes as lower-case hex. */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
