package io.ossaat.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine-side gate: judges the judged phase alone, by the engine's own counts.
 *
 * <p>The engine's burn-rate alerts look back 5 minutes to 3 days, and a run's warm-up (cold JIT, cold caches, cold
 * connection pools) lands in those windows too: {@code ossaat slo status} right after a run can page, or call the
 * budget spent, because of the unjudged warm-up, or stay quiet because an earlier quiet hour dilutes a bad judged
 * minute. So the gate takes the engine's good/total counts just before and just after the judged phase and judges
 * the difference: the SLI of the judged phase and its burn rate ((1 − SLI) / (1 − target)), i.e. what the engine's
 * alert rules compute, over a window that is exactly the judged phase. A burn rate above 1 means the judged phase
 * alone spent budget faster than the objective allows; the gate fails then (above {@code allowedBurn} for a
 * loosened profile). Counts come from {@code GET /v1/slo} when the engine has its SLO monitor (its own
 * classification, data-dir overrides included), else from the {@code /metrics} request histogram read through the
 * SLO file.
 */
public final class Gate {
    private static final double EPSILON = 1e-9;

    private Gate() {
    }

    /** How one objective fared. */
    public enum Outcome { MET, BREACHED, NOT_JUDGED }

    /**
     * @param slo      objective
     * @param source   {@code /v1/slo} or {@code /metrics}, or empty
     * @param good     good events in the judged phase
     * @param total    events in the judged phase
     * @param burnRate (1 − good/total) / (1 − target); NaN when not judged
     * @param allowed  the burn rate allowed
     * @param outcome  met, breached or not judged
     * @param detail   a readable sentence
     */
    public record Judgement(String slo, String source, long good, long total, double burnRate, double allowed,
                            Outcome outcome, String detail) {
    }

    /** All judgements; {@code reason} is one line, the first breach (or a summary when all passed). */
    public record Verdict(List<Judgement> judgements, boolean passed, String reason) {
        public String table() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-24s %-9s %10s %10s %9s %8s  %s%n",
                                                                "SLO (judged phase)", "source", "good", "total",
                                                                "burn", "allowed", "outcome"));
            for (Judgement j : judgements) {
                out.append(String.format(Locale.ROOT, "%-24s %-9s %10d %10d %9s %8s  %s%n", j.slo(), j.source(),
                                         j.good(), j.total(),
                                         Double.isNaN(j.burnRate()) ? "-" : Numbers.trim(j.burnRate()) + "x",
                                         Numbers.trim(j.allowed()) + "x", j.outcome() + " " + j.detail()));
            }
            return out.toString();
        }
    }

    public static Verdict judge(List<Objective> objectives, Snapshot before, Snapshot after, double allowedBurn,
                                long minEvents) {
        List<Judgement> out = new ArrayList<>();
        for (Objective o : objectives) {
            out.add(judge(o, before, after, allowedBurn, minEvents));
        }
        List<Judgement> breached = out.stream().filter(j -> j.outcome() == Outcome.BREACHED).toList();
        long judged = out.stream().filter(j -> j.outcome() != Outcome.NOT_JUDGED).count();
        String reason = breached.isEmpty()
                ? judged + " of " + out.size() + " SLOs judged on the judged phase, all met"
                : breached.getFirst().slo() + ": " + breached.getFirst().detail()
                  + (breached.size() > 1 ? " (and " + (breached.size() - 1) + " more)" : "");
        return new Verdict(List.copyOf(out), breached.isEmpty(), reason);
    }

    private static Judgement judge(Objective o, Snapshot before, Snapshot after, double allowedBurn, long minEvents) {
        String source;
        Counts b;
        Counts a;
        Counts eb = before.engine().get(o.name());
        Counts ea = after.engine().get(o.name());
        if (eb != null && ea != null && ea.total() >= eb.total() && ea.good() >= eb.good()) {
            source = "/v1/slo";
            b = eb;
            a = ea;
        } else if (before.metrics().containsKey(o.name()) && after.metrics().containsKey(o.name())) {
            source = "/metrics";
            b = before.metrics().get(o.name());
            a = after.metrics().get(o.name());
        } else {
            return new Judgement(o.name(), "-", 0, 0, Double.NaN, allowedBurn, Outcome.NOT_JUDGED,
                                 "the engine does not count " + o.event() + " events yet (no /v1/slo)");
        }
        long total = a.total() - b.total();
        long good = a.good() - b.good();
        if (total < 0 || good < 0 || good > total) {
            return new Judgement(o.name(), source, Math.max(good, 0), Math.max(total, 0), Double.NaN, allowedBurn,
                                 Outcome.NOT_JUDGED, "the counts went backwards (engine restarted?)");
        }
        if (total < minEvents) {
            return new Judgement(o.name(), source, good, total, Double.NaN, allowedBurn, Outcome.NOT_JUDGED,
                                 "too few events to judge (" + total + " < " + minEvents + ")");
        }
        long bad = total - good;
        double badFraction = (double) bad / total;
        double burn = badFraction / o.errorBudget();
        String what = o.kind() == Objective.Kind.LATENCY
                ? "slower than " + Numbers.trim(o.thresholdSeconds() * 1000) + " ms"
                : "bad";
        String note = a.note().isEmpty() || a.note().equals("engine SLO monitor") ? "" : " [" + a.note() + "]";
        String detail = String.format(Locale.ROOT, "%s %% of %d events %s in the judged phase (burn rate %sx; "
                                                   + "allowed %sx = %s %%)%s",
                                      Numbers.trim(badFraction * 100), total, what, Numbers.trim(burn),
                                      Numbers.trim(allowedBurn), Numbers.trim(o.errorBudget() * allowedBurn * 100),
                                      note);
        Outcome outcome = burn > allowedBurn + EPSILON ? Outcome.BREACHED : Outcome.MET;
        return new Judgement(o.name(), source, good, total, burn, allowedBurn, outcome, detail);
    }
}
