package io.ossaat.console.client;



import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where API JSON becomes records and back. Field names follow the engine's OpenAPI document ({@code /openapi}); when the engine
 * renames a field, change it here only. Reading is lenient: a missing optional field is null, an unknown
 * field is ignored.
 */
final class Wire {

    static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new EngineException.BadResponse("engine sent invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    // ---- requests -------------------------------------------------------------------------------------

    static String newPlan(String goal, String agent, String workspace, Map<String, Object> inputs) {
        ObjectNode body = JSON.createObjectNode();
        body.put("goal", goal);
        if (agent != null) {
            body.put("agent", agent);
        }
        if (workspace != null) {
            body.put("workspace", workspace);
        }
        if (inputs != null && !inputs.isEmpty()) {
            body.set("inputs", JSON.valueToTree(inputs));
        }
        return body.toString();
    }

    static String rationale(String rationale) {
        ObjectNode body = JSON.createObjectNode();
        if (rationale != null && !rationale.isBlank()) {
            body.put("rationale", rationale.strip());
        }
        return body.toString();
    }

    // ---- responses ------------------------------------------------------------------------------------

    static Plan plan(JsonNode n) {
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : n.path("steps")) {
            steps.add(step(s));
        }
        return new Plan(text(n, "id"), text(n, "goal"), text(n, "agent"), text(n, "workspace"),
                map(n.get("inputs")), States.plan(text(n, "state")), instant(n, "createdAt"),
                instant(n, "updatedAt"), steps);
    }

    static Step step(JsonNode n) {
        return new Step(text(n, "id"), text(n, "action"), text(n, "tool"), text(n, "capability"),
                text(n, "capabilityLabel"), n.path("approvalRequired").asBoolean(false),
                n.path("timeoutSeconds").asInt(0), States.step(text(n, "state")), n.path("attempt").asInt(0),
                map(n.get("input")), json(n.get("output")), text(n, "summary"), instant(n, "startedAt"),
                instant(n, "finishedAt"), text(n.path("approval"), "command"), text(n.path("approval"), "patchSha256"));
    }

    static List<Agent> agents(JsonNode n) {
        List<Agent> out = new ArrayList<>();
        for (JsonNode a : n.path("items")) {
            java.util.Set<String> caps = new java.util.TreeSet<>();
            a.path("capabilities").forEach(c -> caps.add(c.asText()));
            List<Agent.RequiredInput> required = new ArrayList<>();
            for (JsonNode r : a.path("requiredInputs")) {
                required.add(new Agent.RequiredInput(text(r, "name"), text(r, "step"), text(r, "tool"),
                        text(r, "description")));
            }
            out.add(new Agent(text(a, "name"), text(a, "role"), caps, required));
        }
        return out;
    }

    static PlanList planList(JsonNode n) {
        List<Plan> items = new ArrayList<>();
        for (JsonNode p : n.path("items")) {
            items.add(plan(p));
        }
        return new PlanList(items, text(n, "nextCursor"));
    }

    static PlanEvent event(JsonNode n) {
        return new PlanEvent(n.path("seq").asLong(), text(n, "planId"), text(n, "stepId"),
                States.event(text(n, "state"), text(n, "stepId") == null), n.path("attempt").asInt(0), text(n, "summary"),
                instant(n, "occurredAt"));
    }

    /** Accepts a bare array or an object wrapping it in {@code items} or {@code slos}. */
    static List<SloStatus> sloList(JsonNode n) {
        JsonNode array = n.isArray() ? n : n.has("items") ? n.get("items") : n.path("slos");
        List<SloStatus> out = new ArrayList<>();
        for (JsonNode s : array) {
            out.add(slo(s));
        }
        return out;
    }

    static SloStatus slo(JsonNode n) {
        Map<String, Double> burn = new LinkedHashMap<>();
        n.path("burnRates").properties().forEach(e -> burn.put(e.getKey(), e.getValue().asDouble()));
        SloStatus.Alert alert = alert(n.path("alert"));
        // names as the engine's io.ossaat.engine.slo.SloStatus record writes them; percentiles are optional
        return new SloStatus(text(n, "name"), text(n, "service"), text(n, "description"),
                n.path("objective").asDouble(), n.path("sli").asDouble(1.0), n.path("budgetRemaining").asDouble(1.0),
                n.path("budgetRemainingEvents").asLong(), seconds(n.get("timeToExhaustionSeconds")), burn, alert,
                n.path("totalEvents").asLong(), n.path("goodEvents").asLong(), number(n, "p50Millis"),
                number(n, "p95Millis"), number(n, "p99Millis"), number(n, "thresholdMillis"),
                n.path("enoughData").asBoolean(true));
    }

    static SloDetail sloDetail(JsonNode n) {
        List<SloDetail.Point> points = new ArrayList<>();
        for (JsonNode p : n.path("points")) {
            Map<String, Double> burn = new LinkedHashMap<>();
            p.path("burnRates").properties().forEach(e -> burn.put(e.getKey(), e.getValue().asDouble()));
            points.add(new SloDetail.Point(instant(p, "time"), p.path("total").asLong(), p.path("good").asLong(),
                    p.path("sli").asDouble(1.0), p.path("budgetRemaining").asDouble(1.0), number(p, "p50Millis"),
                    number(p, "p95Millis"), number(p, "p99Millis"), burn));
        }
        List<SloDetail.AlertRule> rules = new ArrayList<>();
        for (JsonNode r : n.path("alertRules")) {
            rules.add(new SloDetail.AlertRule(alert(r.path("severity")), text(r, "longWindow"), text(r, "shortWindow"),
                    r.path("factor").asDouble(), r.path("minimumEvents").asLong()));
        }
        return new SloDetail(slo(n.path("status")), instant(n, "from"), instant(n, "to"),
                Duration.ofSeconds(n.path("stepSeconds").asLong()), points, rules);
    }

    private static SloStatus.Alert alert(JsonNode n) {
        try {
            return SloStatus.Alert.valueOf(n.asText("NONE").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SloStatus.Alert.NONE;
        }
    }

    /** {@code /readyz}: {@code {status, components:{postgres:"up"|{status:"up"}}}} or Helidon's {@code checks[]}. */
    static Map<String, String> components(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.path("components").properties().forEach(e -> out.put(e.getKey(),
                e.getValue().isObject() ? e.getValue().path("status").asText("unknown") : e.getValue().asText()));
        for (JsonNode c : n.path("checks")) {
            out.put(c.path("name").asText(), c.path("status").asText("unknown"));
        }
        return out;
    }

    static Problem problem(int status, String body) {
        JsonNode n;
        try {
            n = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Problem("about:blank", "HTTP " + status, status, body.strip(), List.of());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (JsonNode e : n.path("errors")) {
            errors.add(new Problem.FieldError(e.path("field").asText(e.path("pointer").asText("")),
                    e.path("message").asText(e.path("detail").asText(""))));
        }
        return new Problem(n.path("type").asText("about:blank"), text(n, "title"), n.path("status").asInt(status),
                text(n, "detail"), errors);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isNumber() ? null : v.asDouble();
    }

    private static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return java.time.OffsetDateTime.parse(s).toInstant();
        }
    }

    /** A number of seconds; null when absent (nothing burns). */
    private static Duration seconds(JsonNode v) {
        return v == null || !v.isNumber() ? null : Duration.ofMillis(Math.round(v.asDouble() * 1000));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Map.of();
        }
        return JSON.convertValue(n, LinkedHashMap.class);
    }

    private static String json(JsonNode n) {
        return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
    }
}
