package io.ossaat.engine.web;

import java.util.Map;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.ossaat.engine.auth.ApiTokens;
import io.ossaat.engine.auth.Permission;

/** {@code /v1/tokens}: the owner makes, lists and revokes the tokens of approvers, agents and viewers. */
final class TokenRoutes implements ApiModule {
    private static final Set<String> CREATE_FIELDS = Set.of("role", "label");

    private final ApiTokens tokens;

    TokenRoutes(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void routing(HttpRules rules, RouteTable table) {
        table.route(rules, Method.POST, "/v1/tokens", Permission.MANAGE_TOKENS, this::create)
                .route(rules, Method.GET, "/v1/tokens", Permission.MANAGE_TOKENS, this::list)
                .route(rules, Method.DELETE, "/v1/tokens/{id}", Permission.MANAGE_TOKENS, this::revoke);
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonBody body = JsonBody.read(req, false).only(CREATE_FIELDS);
        String role = body.string("role", true, 1, 32);
        String label = body.string("label", true, 0, Integer.MAX_VALUE);
        body.validate();
        ApiTokens.Created created = tokens.create(role, label);
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/v1/tokens/" + created.id());
        res.header(HeaderNames.CACHE_CONTROL, "no-store"); // the secret is in the body
        Responses.json(res, created);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Responses.json(res, Map.of("items", tokens.list()));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        tokens.revoke(req.path().pathParameters().get("id"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
