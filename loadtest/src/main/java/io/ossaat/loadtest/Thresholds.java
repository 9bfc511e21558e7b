package io.ossaat.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Turns the SLO file's objectives into the client-side assertions of a load test (Gatling and k6 alike):
 * <ul>
 *     <li>a latency objective "target of the requests within T" becomes "p(target × 100) ≤ T" on every route it
 *     covers (streams excepted), e.g. plan-create-latency (95 % within 50 ms) → create plan p95 ≤ 50 ms;</li>
 *     <li>a ratio objective with target A becomes "failed requests ≤ (1 − A) × 100 %" over what it covers: the
 *     whole judged phase when it counts every route (api-availability: ≤ 0.1 %), else per route.</li>
 * </ul>
 * The profile's loosening multiplies both limits. Objectives on other events (step dispatch) cannot be seen from
 * the client; the engine-side gate judges them.
 */
public final class Thresholds {
    private Thresholds() {
    }

    public static List<Threshold> derive(List<Objective> objectives, Profile profile, Set<Route> exercised) {
        List<Threshold> out = new ArrayList<>();
        for (Objective o : objectives) {
            if (!o.isHttp()) {
                continue;
            }
            switch (o.kind()) {
                case LATENCY -> {
                    for (Route r : Route.values()) {
                        if (exercised.contains(r) && !r.isStream() && o.total().covers(r)) {
                            out.add(new Threshold(o.name(), Threshold.Kind.LATENCY_MS, r, Numbers.round(o.target() * 100),
                                                  Numbers.round(o.thresholdSeconds() * 1000 * profile.loosening())));
                        }
                    }
                }
                case RATIO -> {
                    double limit = Numbers.round(o.errorBudget() * 100 * profile.loosening());
                    if (o.total().coversEveryRoute()) {
                        out.add(new Threshold(o.name(), Threshold.Kind.ERROR_PERCENT, null, 0, limit));
                    } else {
                        for (Route r : Route.values()) {
                            if (exercised.contains(r) && o.total().covers(r)) {
                                out.add(new Threshold(o.name(), Threshold.Kind.ERROR_PERCENT, r, 0, limit));
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The objectives a client cannot observe (they count engine events other than HTTP requests). */
    public static List<Objective> engineOnly(List<Objective> objectives) {
        return objectives.stream().filter(o -> !o.isHttp()).toList();
    }

    /**
     * The k6 options the performance-budget script reads with {@code open()}: the profile's rates and phases and
     * {@code thresholds} keyed by k6 sub-metrics of the judged phase, e.g.
     * {@code http_req_duration{phase:judged,route:create_plan}: ["p(95)<=50"]}.
     */
    public static String k6Json(List<Objective> objectives, Profile profile) {
        List<Threshold> thresholds = derive(objectives, profile, Set.of(Route.values()));
        Map<String, List<String>> k6 = new LinkedHashMap<>();
        for (Threshold t : thresholds) {
            String selector = "{phase:judged" + (t.route() == null ? "" : ",route:" + t.route().tag()) + "}";
            if (t.kind() == Threshold.Kind.LATENCY_MS) {
                k6.computeIfAbsent("http_req_duration" + selector, k -> new ArrayList<>())
                        .add("p(" + Numbers.trim(t.percentile()) + ")<=" + Numbers.trim(t.limit()));
            } else {
                k6.computeIfAbsent("http_req_failed" + selector, k -> new ArrayList<>())
                        .add("rate<=" + Numbers.trim(t.limit() / 100));
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("profile", profile.name());
        doc.put("planRate", profile.planRate());
        doc.put("healthRate", profile.healthRate());
        doc.put("warmUpSeconds", profile.warmUpSeconds());
        doc.put("judgedSeconds", profile.judgedSeconds());
        doc.put("watchers", profile.watchers());
        doc.put("loosening", profile.loosening());
        doc.put("thresholds", k6);
        doc.put("described", thresholds.stream().map(Threshold::describe).toList());
        doc.put("engineOnly", engineOnly(objectives).stream().map(Objective::name).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
