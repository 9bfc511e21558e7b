package io.ossaat.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The bearer token in {@code <data-dir>/token} (mode 0600), generated on first start. */
public final class TokenStore {
    /** The token, and whether this start created it (then it is shown to the user once). */
    public record Token(String value, boolean created) {
    }

    private TokenStore() {
    }

    public static Token loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("token");
        try {
            if (Files.isRegularFile(file)) {
                String value = Files.readString(file).trim();
                if (value.length() >= 16) {
                    return new Token(value, false);
                }
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String value = "oss_" + HexFormat.of().formatHex(bytes);
            Path tmp = dataDir.resolve("token.tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, value + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new Token(value, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the token file " + file + ": " + e.getMessage(), e);
        }
    }
}
