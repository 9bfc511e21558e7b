package io.ossaat.engine;

import java.nio.file.Path;

/** The owner's bearer token in {@code <data-dir>/token} (mode 0600), generated on first start. */
public final class TokenStore {
    /** The token, and whether this start created it (then it is shown to the user once). */
    public record Token(String value, boolean created) {
    }

    private TokenStore() {
    }

    public static Token loadOrCreate(Path dataDir) {
        SecretFile.Secret s = SecretFile.loadOrCreate(dataDir.resolve(DataDir.TOKEN), "oss_");
        return new Token(s.value(), s.created());
    }
}
