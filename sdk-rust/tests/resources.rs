//! Steps, SLOs, tokens and the engine's own routes against a mock engine.

mod common;

use common::{plan_json, problem, setup};
use futures_util::StreamExt;
use ossaat::{Alert, Error, Role};
use serde_json::json;
use wiremock::matchers::{body_json, body_string, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

fn slo_json(name: &str) -> serde_json::Value {
    json!({"name": name, "service": "ossaat-engine", "description": "d", "indicator": "latency",
           "thresholdMillis": 50.0, "window": "30d rolling", "objective": 0.95, "sli": 0.99,
           "budgetRemaining": 0.8, "budgetRemainingEvents": 4.0, "timeToExhaustionSeconds": null,
           "burnRates": {"5m": 0.2, "1h": 0.1}, "alert": "TICKET", "budgetExhausted": false,
           "enoughData": true, "totalEvents": 100, "goodEvents": 99, "evaluatedAt": "t",
           "p50Millis": 1.0, "p95Millis": 2.0, "p99Millis": 3.0})
}

#[tokio::test]
async fn approve_sends_the_rationale_and_reject_sends_an_empty_decision() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v1/plans/pl_1/steps/apply_changes/approve"))
        .and(header("Content-Type", "application/json"))
        .and(body_json(json!({"rationale": "ok"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(plan_json("pl_1", "running")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/plans/pl_1/steps/open_pr/reject"))
        .and(body_string("{}"))
        .respond_with(ResponseTemplate::new(200).set_body_json(plan_json("pl_1", "rejected")))
        .expect(1)
        .mount(&server)
        .await;

    let steps = client.steps("pl_1");
    steps
        .approve("apply_changes")
        .rationale("ok")
        .send()
        .await
        .unwrap();
    let plan = steps.reject("open_pr").send().await.unwrap();
    assert_eq!(plan.state, ossaat::PlanState::Rejected);

    let long = steps.approve("s").rationale("x".repeat(2001)).send().await;
    assert!(matches!(long, Err(Error::InvalidArgument(_))));
}

#[tokio::test]
async fn a_decision_on_a_step_that_does_not_wait_is_a_conflict() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(409).set_body_json(problem(
            409,
            "Conflict",
            "step 'index_repo' is queued, not waiting for approval",
        )))
        .mount(&server)
        .await;

    let err = client
        .steps("pl_1")
        .approve("index_repo")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_conflict());
    assert!(err.to_string().contains("not waiting for approval"));
}

#[tokio::test]
async fn slo_status_detail_rules_and_stream() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v1/slo"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"items": [slo_json("a"), slo_json("b")]})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/slo/a"))
        .and(query_param("range", "6h"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": slo_json("a"), "from": "f", "to": "t", "stepSeconds": 10, "points": [{"time": "t", "sli": 1.0}]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/slo/rules"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("groups: []\n", "application/yaml"))
        .mount(&server)
        .await;
    let snapshot = json!([slo_json("a")]).to_string();
    Mock::given(method("GET"))
        .and(path("/v1/slo/stream"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            format!("id:1\nevent:slo\ndata:{snapshot}\n\n"),
            "text/event-stream",
        ))
        .mount(&server)
        .await;

    let statuses = client.slo().status().await.unwrap();
    assert_eq!(statuses.len(), 2);
    assert_eq!(statuses[0].alert, Alert::Ticket);
    assert_eq!(statuses[0].threshold_millis, Some(50.0));
    assert_eq!(statuses[0].time_to_exhaustion_seconds, None);
    assert_eq!(statuses[0].burn_rates["5m"], 0.2);

    let detail = client.slo().get("a").range("6h").send().await.unwrap();
    assert_eq!(detail.status.name, "a");
    assert_eq!(detail.points.len(), 1);

    assert_eq!(client.slo().rules().await.unwrap(), "groups: []\n");

    let first = client.slo().stream().next().await.unwrap().unwrap();
    assert_eq!(first[0].name, "a");
}

#[tokio::test]
async fn health_ready_agents_tools_and_metrics() {
    let (server, client) = setup().await;
    Mock::given(path("/healthz"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "ok"})))
        .mount(&server)
        .await;
    Mock::given(path("/readyz"))
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({
            "status": "not_ready", "components": {"postgres": "down", "redis": "up"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/v1/agents"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [{
            "name": "careful", "role": "r", "capabilities": ["repo.read"], "approvalPolicy": {"default": "human"},
            "constraints": [], "source": "classpath:agents/careful/agent.md"
        }]})))
        .mount(&server)
        .await;
    Mock::given(path("/v1/tools"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [{
            "name": "code_writer", "capabilities": ["repo.write"], "description": "d"
        }]})))
        .mount(&server)
        .await;
    Mock::given(path("/metrics"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ossaat_up 1\n"))
        .mount(&server)
        .await;

    assert_eq!(client.health().await.unwrap().status, "ok");
    let ready = client.ready().await.unwrap();
    assert!(
        !ready.is_ready(),
        "a 503 readiness is an answer, not an error"
    );
    assert_eq!(ready.components["postgres"], "down");
    assert_eq!(
        client.agents().await.unwrap()[0].approval_policy["default"],
        "human"
    );
    assert_eq!(
        client.tools().await.unwrap()[0].capabilities,
        ["repo.write"]
    );
    assert_eq!(client.metrics().await.unwrap(), "ossaat_up 1\n");
}

#[tokio::test]
async fn a_decided_step_shows_who_approved_what() {
    let (server, client) = setup().await;
    let mut plan = plan_json("pl_1", "running");
    plan["steps"][0]["approval"] = json!({
        "command": "cargo test", "decision": "approved", "decidedBy": "release bot", "decidedByRole": "approver",
        "rationale": "ok", "decidedAt": "t"
    });
    Mock::given(path("/v1/plans/pl_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(plan))
        .mount(&server)
        .await;

    let plan = client.plans().get("pl_1").await.unwrap();
    let approval = plan.steps[0].approval.as_ref().unwrap();
    assert_eq!(approval.command.as_deref(), Some("cargo test"));
    assert_eq!(approval.decision, Some(ossaat::Decision::Approved));
    assert_eq!(approval.decided_by_role, Some(Role::Approver));
}

#[tokio::test]
async fn a_readyz_503_that_is_not_a_readiness_is_an_error() {
    let (server, client) = setup().await;
    Mock::given(path("/readyz"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("Retry-After", "5")
                .set_body_string("down"),
        )
        .mount(&server)
        .await;

    let err = client.ready().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.problem().unwrap().retry_after,
        Some(std::time::Duration::from_secs(5))
    );
}

#[tokio::test]
async fn tokens_create_list_and_revoke() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v1/tokens"))
        .and(body_json(json!({"role": "approver", "label": "release bot"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": "tok_1", "role": "approver", "label": "release bot", "createdAt": "t", "token": "oss_secret"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/tokens"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [
            {"id": "tok_0", "role": "owner", "label": "data dir", "createdAt": "t"},
            {"id": "tok_1", "role": "approver", "label": "release bot", "createdAt": "t", "lastUsedAt": "u",
             "revokedAt": "r"}
        ]})))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v1/tokens/tok_1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let created = client
        .tokens()
        .create(Role::Approver, "release bot")
        .await
        .unwrap();
    assert_eq!(created.token, "oss_secret");
    assert!(!format!("{created:?}").contains("oss_secret"));

    let tokens = client.tokens().list().await.unwrap();
    assert_eq!(tokens[0].role, Role::Owner);
    assert_eq!(tokens[1].revoked_at.as_deref(), Some("r"));

    client.tokens().revoke("tok_1").await.unwrap();

    // Refused before sending: the owner's role, no label, a label too long.
    for (role, label) in [
        (Role::Owner, "x"),
        (Role::Viewer, ""),
        (Role::Agent, &"x".repeat(65)),
    ] {
        let refused = client.tokens().create(role, label).await;
        assert!(
            matches!(refused, Err(Error::InvalidArgument(_))),
            "{refused:?}"
        );
    }
}

#[tokio::test]
async fn a_token_route_without_the_owner_role_is_forbidden() {
    let (server, client) = setup().await;
    Mock::given(path("/v1/tokens"))
        .respond_with(ResponseTemplate::new(403).set_body_json(problem(
            403,
            "Forbidden",
            "this needs the role 'owner'",
        )))
        .mount(&server)
        .await;

    let err = client.tokens().list().await.unwrap_err();
    assert!(err.is_forbidden());
    assert!(
        err.problem()
            .unwrap()
            .detail
            .as_deref()
            .unwrap()
            .contains("owner")
    );
}
