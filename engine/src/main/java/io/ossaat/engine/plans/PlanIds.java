package io.ossaat.engine.plans;

import java.security.SecureRandom;

/** Plan ids: {@code pl_} + 26 Crockford base32 characters, time-ordered (48-bit millis) then 80 random bits. */
final class PlanIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PlanIds() {
    }

    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("pl_[0-9a-hjkmnp-tv-z]{26}");

    /** Whether {@code id} has the shape of a plan id: anything else cannot name a plan. */
    static boolean isPlanId(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }

    static String newPlanId() {
        long millis = System.currentTimeMillis();
        byte[] rnd = new byte[10];
        RANDOM.nextBytes(rnd);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (rnd[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (rnd[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return "pl_" + new String(out);
    }
}
