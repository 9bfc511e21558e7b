package io.ossaat.engine.cli;

import java.io.PrintStream;

import io.ossaat.engine.DataDir;
import io.ossaat.engine.Engine;

/**
 * The one-time hint after an engine wrote a new API token: where it is and the {@code export OSSAAT_TOKEN=...} line
 * to use it. {@code ./ossaat serve} and the console's embedded engine print the same. A terminal gets the token
 * itself; a log (CI, journald), which keeps what a terminal forgets, gets where the token is instead.
 */
public final class TokenHint {
    private TokenHint() {
    }

    /** Prints the hint when {@code engine} made its token on this start; nothing otherwise. */
    public static void printIfNew(Engine engine, PrintStream err) {
        if (!engine.token().created()) {
            return;
        }
        java.nio.file.Path file = engine.config().dataDir().resolve(DataDir.TOKEN);
        err.println("ossaat: a new API token was written to " + file + " (mode 0600); use it with:");
        err.println("  export OSSAAT_TOKEN=" + (Terminal.isStderr() ? engine.token().value()
                : "\"$(cat " + file + ")\""));
    }
}
