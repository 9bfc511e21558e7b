package io.ossaat.engine.web;

import java.util.Set;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.ossaat.engine.auth.Permission;
import io.ossaat.engine.auth.Principal;
import io.ossaat.engine.runtime.PlanActions;

/** Approve or reject a waiting step; cancel a plan. A decision is recorded with the caller's token label and role. */
final class ActionRoutes implements ApiModule {
    private static final Set<String> DECISION_FIELDS = Set.of("rationale");

    private final PlanActions actions;

    ActionRoutes(PlanActions actions) {
        this.actions = actions;
    }

    @Override
    public void routing(HttpRules rules, RouteTable table) {
        table.route(rules, Method.POST, "/v1/plans/{id}/steps/{stepId}/approve", Permission.DECIDE,
                        (req, res) -> decide(req, res, true))
                .route(rules, Method.POST, "/v1/plans/{id}/steps/{stepId}/reject", Permission.DECIDE,
                        (req, res) -> decide(req, res, false))
                .route(rules, Method.POST, "/v1/plans/{id}/cancel", Permission.CANCEL, this::cancel);
    }

    private void decide(ServerRequest req, ServerResponse res, boolean approve) {
        JsonBody body = JsonBody.read(req, true).only(DECISION_FIELDS);
        String rationale = body.string("rationale", false, 0, 2000);
        body.validate();
        String planId = req.path().pathParameters().get("id");
        String stepId = req.path().pathParameters().get("stepId");
        Principal who = AuthFilter.principal(req);
        Responses.json(res, approve ? actions.approve(planId, stepId, who, rationale)
                : actions.reject(planId, stepId, who, rationale));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        JsonBody.read(req, true).only(Set.of()).validate();
        Responses.json(res, actions.cancel(req.path().pathParameters().get("id"), AuthFilter.principal(req).label()));
    }
}
