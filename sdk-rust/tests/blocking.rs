//! The blocking twin: the same calls without async, on a mock engine served from a runtime of the test's own.
#![cfg(feature = "blocking")]

mod common;

use std::time::Duration;

use common::{plan_json, problem, sse_event};
use ossaat::{PlanState, blocking};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The mock engine runs on this runtime's threads; the blocking client is called outside of it, as a caller
/// without async would.
struct Setup {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
    client: blocking::Client,
}

fn setup() -> Setup {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(MockServer::start());
    let client = blocking::Client::builder()
        .base_url(server.uri())
        .token("test-token")
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .stream_retry(Duration::from_millis(1))
        .build()
        .unwrap();
    Setup {
        runtime,
        server,
        client,
    }
}

impl Setup {
    fn mount(&self, mock: Mock) {
        self.runtime.block_on(mock.mount(&self.server));
    }

    fn requests(&self) -> Vec<wiremock::Request> {
        self.runtime
            .block_on(self.server.received_requests())
            .unwrap()
    }
}

#[test]
fn create_get_cancel_and_decide() {
    let s = setup();
    s.mount(
        Mock::given(method("POST"))
            .and(path("/v1/plans"))
            .and(header("Idempotency-Key", "k"))
            .and(body_json(json!({"goal": "g", "agent": "careful"})))
            .respond_with(
                ResponseTemplate::new(201).set_body_json(plan_json("pl_1", "waiting_approval")),
            ),
    );
    s.mount(
        Mock::given(method("GET"))
            .and(path("/v1/plans/pl_1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(plan_json("pl_1", "running"))),
    );
    s.mount(
        Mock::given(method("POST"))
            .and(path("/v1/plans/pl_1/steps/index_repo/approve"))
            .and(body_json(json!({"rationale": "ok"})))
            .respond_with(ResponseTemplate::new(200).set_body_json(plan_json("pl_1", "running"))),
    );
    s.mount(
        Mock::given(method("POST"))
            .and(path("/v1/plans/pl_1/cancel"))
            .respond_with(
                ResponseTemplate::new(409).set_body_json(problem(409, "Conflict", "finished")),
            ),
    );

    let plans = s.client.plans();
    let plan = plans
        .create("g")
        .agent("careful")
        .idempotency_key("k")
        .send()
        .unwrap();
    assert_eq!(plan.state, PlanState::WaitingApproval);
    assert_eq!(plans.get("pl_1").unwrap().state, PlanState::Running);
    s.client
        .steps("pl_1")
        .approve("index_repo")
        .rationale("ok")
        .send()
        .unwrap();
    assert!(plans.cancel("pl_1").unwrap_err().is_conflict());
    assert!(matches!(
        plans.create("").send(),
        Err(ossaat::Error::InvalidArgument(_))
    ));
}

#[test]
fn iterating_a_list_walks_every_page() {
    let s = setup();
    s.mount(
        Mock::given(method("GET"))
            .and(query_param("cursor", "c1"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"items": [plan_json("pl_3", "completed")]})),
            ),
    );
    s.mount(
        Mock::given(method("GET"))
            .and(path("/v1/plans"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "items": [plan_json("pl_1", "completed"), plan_json("pl_2", "completed")], "nextCursor": "c1"
            })))
            .with_priority(10),
    );

    let ids: Vec<String> = s
        .client
        .plans()
        .list()
        .limit(2)
        .into_iter()
        .map(|p| p.unwrap().id)
        .collect();
    assert_eq!(ids, ["pl_1", "pl_2", "pl_3"]);
}

#[test]
fn the_event_iterator_resumes_after_a_drop() {
    let s = setup();
    s.mount(
        Mock::given(method("GET"))
            .and(path("/v1/plans/pl_1/events"))
            .and(header("Last-Event-ID", "e1"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_raw(sse_event("e2", "pl_1", "s", "queued"), "text/event-stream"),
            )
            .with_priority(1),
    );
    s.mount(
        Mock::given(method("GET"))
            .and(path("/v1/plans/pl_1/events"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                sse_event("e1", "pl_1", "s", "waiting_approval"),
                "text/event-stream",
            ))
            .with_priority(2),
    );

    let ids: Vec<String> = s
        .client
        .events()
        .plan("pl_1")
        .stream()
        .take(2)
        .map(|e| e.unwrap().id)
        .collect();
    assert_eq!(ids, ["e1", "e2"]);
    assert_eq!(s.requests().len(), 2);
}

#[test]
fn slo_health_and_tokens() {
    let s = setup();
    s.mount(
        Mock::given(path("/healthz"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "ok"}))),
    );
    s.mount(
        Mock::given(path("/v1/slo"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": []}))),
    );
    s.mount(
        Mock::given(method("DELETE"))
            .and(path("/v1/tokens/tok_1"))
            .respond_with(ResponseTemplate::new(204)),
    );

    assert_eq!(s.client.health().unwrap().status, "ok");
    assert!(s.client.slo().status().unwrap().is_empty());
    s.client.tokens().revoke("tok_1").unwrap();
}
