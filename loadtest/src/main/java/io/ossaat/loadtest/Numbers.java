package io.ossaat.loadtest;

import java.math.BigDecimal;
import java.math.MathContext;

final class Numbers {
    private Numbers() {
    }

    /** Rounds away binary noise: 0.40000000000000036 → 0.4 (ten significant digits). */
    static double round(double v) {
        return new BigDecimal(v).round(new MathContext(10)).doubleValue();
    }

    /** 50.0 → "50", 0.1000000001 → "0.1": six significant digits, no trailing zeros. */
    static String trim(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
