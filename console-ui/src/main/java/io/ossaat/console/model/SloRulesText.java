package io.ossaat.console.model;

import java.util.List;
import java.util.Locale;

import io.ossaat.console.client.SloDetail;
import io.ossaat.console.client.SloStatus;

/** The burn-rate alert rules in words, as an on-call person reads them. */
public final class SloRulesText {

    private SloRulesText() {
    }

    /** One sentence per rule, e.g. "Pages when the last 1h and the last 5m both burn the budget 14.4× too fast …". */
    public static List<String> sentences(List<SloDetail.AlertRule> rules) {
        return rules.stream().map(SloRulesText::sentence).toList();
    }

    static String sentence(SloDetail.AlertRule r) {
        String verb = r.severity() == SloStatus.Alert.PAGE ? "Pages" : "Opens a ticket";
        return String.format(Locale.ROOT,
                "%s when the last %s and the last %s both burn the error budget at %s× or faster"
                + " (once the %s holds at least %d events).",
                verb, r.longWindow(), r.shortWindow(), factor(r.factor()), r.longWindow(), r.minimumEvents());
    }

    /** 14.4 stays 14.4, 6.0 becomes 6. */
    public static String factor(double f) {
        return f == Math.rint(f) ? Long.toString((long) f) : Double.toString(f);
    }
}
