package io.ossaat.console.settings;

/** What the Settings dialog does with the saved attach token. */
public sealed interface TokenChange {

    /** The token field was left empty: keep the saved token (unless the URL changed: it is only for its engine). */
    record Keep() implements TokenChange {
    }

    /** A new token was typed. */
    record Replace(String token) implements TokenChange {
        public Replace {
            token = SettingsStore.checkToken(token);
        }

        @Override
        public String toString() {
            return "Replace[token hidden]"; // never in a log line or an exception
        }
    }

    /** "Forget token": attach without one. */
    record Forget() implements TokenChange {
    }

    TokenChange KEEP = new Keep();
    TokenChange FORGET = new Forget();
}
