package io.ossaat.loadtest;

/**
 * The engine routes the load tests call: method, route template as the engine records it, the request name in
 * Gatling reports and the {@code route} tag in k6. Streams (SSE) stay open for as long as the client watches, so
 * their duration is not a latency and no latency objective applies to them.
 */
public enum Route {
    HEALTHZ("GET", "/healthz", "healthz", "healthz", false),
    CREATE_PLAN("POST", "/v1/plans", "create plan", "create_plan", false),
    REPLAY_CREATE("POST", "/v1/plans", "replay create", "replay_create", false),
    GET_PLAN("GET", "/v1/plans/{id}", "get plan", "get_plan", false),
    LIST_PLANS("GET", "/v1/plans", "list plans", "list_plans", false),
    APPROVE_STEP("POST", "/v1/plans/{id}/steps/{stepId}/approve", "approve step", "approve_step", false),
    PLAN_EVENTS("GET", "/v1/plans/{id}/events", "plan events", "plan_events", true),
    ALL_EVENTS("GET", "/v1/events", "all events", "all_events", true);

    private final String method;
    private final String template;
    private final String requestName;
    private final String tag;
    private final boolean stream;

    Route(String method, String template, String requestName, String tag, boolean stream) {
        this.method = method;
        this.template = template;
        this.requestName = requestName;
        this.tag = tag;
        this.stream = stream;
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    /** The request name in Gatling (and its reports). */
    public String requestName() {
        return requestName;
    }

    /** The {@code route} tag in k6. */
    public String tag() {
        return tag;
    }

    public boolean isStream() {
        return stream;
    }
}
