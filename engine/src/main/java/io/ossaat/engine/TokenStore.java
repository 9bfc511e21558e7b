package io.ossaat.engine;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import io.ossaat.engine.config.ConfigException;

/**
 * The owner's bearer token: in {@code <data-dir>/token} (mode 0600), generated on first start, or read from a file
 * the operator provides ({@code --token-file}), so that every instance of a cluster takes the same one.
 */
public final class TokenStore {
    /** The shortest token accepted from a provided file: 16 characters. */
    static final int MIN_LENGTH = 16;

    /** The token, and whether this start created it (then it is shown to the user once). */
    public record Token(String value, boolean created) {
    }

    private TokenStore() {
    }

    public static Token loadOrCreate(Path dataDir) {
        SecretFile.Secret s = SecretFile.loadOrCreate(dataDir.resolve(DataDir.TOKEN), "oss_");
        return new Token(s.value(), s.created());
    }

    /**
     * The token in a provided file (surrounding white space ignored).
     *
     * @throws ConfigException (setting {@code token-file}) when the file cannot be read, holds fewer than 16
     *                         characters, or any user may read it
     */
    public static Token read(Path file) {
        String value;
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (mode.contains(PosixFilePermission.OTHERS_READ) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                    throw new ConfigException("token-file", file + " is open to every user; make it readable by the"
                            + " engine's user (and group) only, e.g. chmod 600");
                }
            }
            value = Files.readString(file).strip();
        } catch (IOException e) {
            throw new ConfigException("token-file", "cannot read " + file + ": " + e.getMessage());
        }
        if (value.length() < MIN_LENGTH || value.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new ConfigException("token-file", file + " must hold one token of at least " + MIN_LENGTH
                    + " printable characters without spaces");
        }
        return new Token(value, false);
    }
}
