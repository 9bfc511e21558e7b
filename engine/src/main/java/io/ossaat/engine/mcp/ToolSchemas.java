package io.ossaat.engine.mcp;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.ossaat.engine.plans.PlanState;
import io.ossaat.engine.plans.StepState;

/** JSON schemas of the tools' inputs and outputs (JSON Schema 2020-12, as MCP 2025-11-25 assumes). */
final class ToolSchemas {

    static final List<String> PLAN_STATES = Arrays.stream(PlanState.values()).map(PlanState::wire).toList();
    static final List<String> STEP_STATES = Arrays.stream(StepState.values()).map(StepState::wire).toList();

    private static final Map<String, Object> STRING = Map.of("type", "string");
    private static final Map<String, Object> OPTIONAL_STRING = Map.of("type", List.of("string", "null"));
    private static final Map<String, Object> OPTIONAL_TIME =
            Map.of("type", List.of("string", "null"), "description", "RFC 3339 UTC");

    static final Map<String, Object> STEP = object(
            props(
                    "id", STRING,
                    "action", OPTIONAL_STRING,
                    "tool", OPTIONAL_STRING,
                    "capability", OPTIONAL_STRING,
                    "capabilityLabel", OPTIONAL_STRING,
                    "approvalRequired", Map.of("type", List.of("boolean", "null")),
                    "timeoutSeconds", Map.of("type", List.of("integer", "null")),
                    "state", Map.of("type", "string", "enum", STEP_STATES),
                    "attempt", Map.of("type", List.of("integer", "null")),
                    "input", Map.of("type", List.of("object", "null")),
                    "output", Map.of(),
                    "summary", OPTIONAL_STRING,
                    "startedAt", OPTIONAL_TIME,
                    "finishedAt", OPTIONAL_TIME,
                    "approval", Map.of("type", List.of("object", "null"), "description",
                            "what a human approves (command, patchSha256) and the last decision (decision, "
                                    + "decidedBy, decidedByRole, rationale, decidedAt)")),
            List.of("id", "state"));

    private static final Map<String, Object> PLAN_PROPERTIES = props(
            "id", STRING,
            "goal", OPTIONAL_STRING,
            "agent", OPTIONAL_STRING,
            "workspace", OPTIONAL_STRING,
            "inputs", Map.of("type", List.of("object", "null")),
            "state", Map.of("type", "string", "enum", PLAN_STATES),
            "createdAt", OPTIONAL_TIME,
            "updatedAt", OPTIONAL_TIME,
            "steps", Map.of("type", "array", "items", STEP));

    /** A plan with its steps. */
    static final Map<String, Object> PLAN = object(PLAN_PROPERTIES, List.of("id", "state", "steps"));

    /** A plan in a list: steps may be left out. */
    static final Map<String, Object> PLAN_SUMMARY = object(PLAN_PROPERTIES, List.of("id", "state"));

    static final Map<String, Object> PLAN_PAGE = object(
            props("items", Map.of("type", "array", "items", PLAN_SUMMARY),
                    "nextCursor", Map.of("type", List.of("string", "null"),
                            "description", "pass as cursor to get the next page; null on the last page")),
            List.of("items"));

    static final Map<String, Object> SLO_STATUS = object(
            props("items", Map.of("type", "array", "items", object(props("name", STRING), List.of("name")))),
            List.of("items"));

    static final Map<String, Object> CREATE_PLAN_INPUT = input(
            props(
                    "goal", Map.of("type", "string", "minLength", 1, "maxLength", 10_000,
                            "description", "what the plan should achieve, in plain words"),
                    "agent", Map.of("type", "string", "minLength", 1,
                            "description", "name of the agent whose capabilities and approval policy apply "
                                    + "(default: the engine's default agent)"),
                    "workspace", Map.of("type", "string", "minLength", 1,
                            "description", "folder the plan's tools work in"),
                    "inputs", Map.of("type", "object",
                            "description", "free JSON object handed to every step "
                                    + "(e.g. patch, testCommand, branch); an agent that plans apply_changes "
                                    + "(default, careful) needs patch, the unified diff it applies")),
            List.of("goal"));

    static final Map<String, Object> LIST_PLANS_INPUT = input(
            props(
                    "state", Map.of("type", "string", "enum", PLAN_STATES,
                            "description", "only plans in this state"),
                    "limit", Map.of("type", "integer", "minimum", 1, "maximum", 100, "default", 20,
                            "description", "page size"),
                    "cursor", Map.of("type", "string", "description", "nextCursor of the previous page")),
            List.of());

    static final Map<String, Object> PLAN_ID_INPUT = input(
            props("id", Map.of("type", "string", "minLength", 1, "description", "the plan's id")),
            List.of("id"));

    static final Map<String, Object> CANCEL_PLAN_INPUT = input(
            props("planId", Map.of("type", "string", "minLength", 1, "description", "the plan's id")),
            List.of("planId"));

    static final Map<String, Object> STEP_DECISION_INPUT = input(
            props(
                    "planId", Map.of("type", "string", "minLength", 1, "description", "the plan's id"),
                    "stepId", Map.of("type", "string", "minLength", 1,
                            "description", "the step that waits for approval"),
                    "rationale", Map.of("type", "string", "maxLength", 10_000,
                            "description", "why; kept in the approval audit log")),
            List.of("planId", "stepId"));

    static final Map<String, Object> NO_INPUT = input(Map.of(), List.of());

    private ToolSchemas() {
    }

    private static Map<String, Object> input(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return Map.copyOf(schema);
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        return Map.of("type", "object", "properties", properties, "required", required);
    }

    private static Map<String, Object> props(Object... nameAndSchema) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < nameAndSchema.length; i += 2) {
            map.put((String) nameAndSchema[i], nameAndSchema[i + 1]);
        }
        return map;
    }
}
