package io.ossaat.engine.web;

import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.ossaat.engine.auth.Permission;
import io.ossaat.engine.plans.NewPlan;
import io.ossaat.engine.plans.PlanService;
import io.ossaat.engine.problems.ApiProblem;

/** {@code /v1/plans} and the original {@code POST /plan}. */
final class PlanRoutes implements ApiModule {
    private static final Set<String> CREATE_FIELDS = Set.of("goal", "agent", "workspace", "inputs", "labels");

    private final PlanService plans;

    PlanRoutes(PlanService plans) {
        this.plans = plans;
    }

    @Override
    public void routing(HttpRules rules, RouteTable table) {
        table.route(rules, Method.POST, "/v1/plans", Permission.CREATE_PLANS, this::create)
                .route(rules, Method.POST, "/plan", Permission.CREATE_PLANS, this::create)
                .route(rules, Method.GET, "/v1/plans", this::list)
                .route(rules, Method.GET, "/v1/plans/{id}", this::get);
    }

    private void create(ServerRequest req, ServerResponse res) {
        NewPlan request = parseNewPlan(JsonBody.read(req, false));
        String key = req.headers().first(HeaderNames.create("Idempotency-Key")).orElse(null);
        if (key != null && (key.isBlank() || key.length() > 255)) {
            throw new ApiProblem.InvalidInput("Idempotency-Key must be 1 to 255 characters long");
        }
        PlanService.Created created = plans.create(request, key);
        res.status(created.replayed() ? Status.OK_200 : Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/v1/plans/" + created.plan().id());
        if (created.replayed()) {
            res.header(HeaderNames.create("Idempotent-Replayed"), "true");
        }
        Responses.json(res, created.plan());
    }

    static NewPlan parseNewPlan(JsonBody body) {
        body.only(CREATE_FIELDS);
        // JSON types here; lengths and blanks are NewPlan's to check, for MCP alike
        String goal = body.string("goal", true, 0, Integer.MAX_VALUE);
        String agent = body.string("agent", false, 0, Integer.MAX_VALUE);
        String workspace = body.string("workspace", false, 0, Integer.MAX_VALUE);
        var inputs = body.object("inputs");
        var labels = body.stringMap("labels", 32, 63, 256);
        body.validate();
        return new NewPlan(goal, agent, workspace, inputs, labels);
    }

    private void list(ServerRequest req, ServerResponse res) {
        var query = req.query();
        Integer limit = null;
        if (query.contains("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                throw new ApiProblem.InvalidInput("limit", "must be a whole number");
            }
        }
        Responses.json(res, plans.list(query.first("state").orElse(null), limit, query.first("cursor").orElse(null)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Responses.json(res, plans.get(req.path().pathParameters().get("id")));
    }
}
