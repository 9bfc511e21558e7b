//! `client.plans()` against a mock engine: what goes on the wire and what comes back.

mod common;

use common::{plan_json, setup};
use futures_util::TryStreamExt;
use ossaat::{Error, PlanState, StepState};
use serde_json::json;
use wiremock::matchers::{body_json, header, header_exists, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn create_sends_the_plan_with_the_token_and_the_given_key() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v1/plans"))
        .and(header("Authorization", "Bearer test-token"))
        .and(header("Idempotency-Key", "readme-1"))
        .and(body_json(json!({
            "goal": "add a README", "agent": "careful", "workspace": "/srv/repo",
            "inputs": {"testCommand": "true"}, "labels": {"team": "docs"}
        })))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(plan_json("pl_1", "waiting_approval")),
        )
        .expect(1)
        .mount(&server)
        .await;

    let plan = client
        .plans()
        .create("add a README")
        .agent("careful")
        .workspace("/srv/repo")
        .inputs(json!({"testCommand": "true"}))
        .label("team", "docs")
        .idempotency_key("readme-1")
        .send()
        .await
        .unwrap();

    assert_eq!(plan.id, "pl_1");
    assert_eq!(plan.state, PlanState::WaitingApproval);
    assert_eq!(plan.labels["team"], "docs");
    assert_eq!(
        plan.step("index_repo").unwrap().state,
        StepState::WaitingApproval
    );
    assert_eq!(plan.waiting_steps().count(), 1);
}

#[tokio::test]
async fn create_without_a_key_makes_one_and_keeps_it_across_retries() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v1/plans"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/plans"))
        .and(header_exists("Idempotency-Key"))
        .respond_with(ResponseTemplate::new(201).set_body_json(plan_json("pl_1", "running")))
        .expect(1)
        .mount(&server)
        .await;

    client.plans().create("g").send().await.unwrap();

    let keys: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers["Idempotency-Key"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "a retry must send the same key");
    assert!(keys[0].starts_with("rs-") && keys[0].len() > 20);
}

#[tokio::test]
async fn bad_arguments_never_leave_the_process() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;

    let plans = client.plans();
    for (what, result) in [
        ("empty goal", plans.create("").send().await),
        ("blank goal", plans.create("  \n").send().await),
        ("long goal", plans.create("x".repeat(2049)).send().await),
        ("inputs", plans.create("g").inputs(json!([1])).send().await),
        ("key", plans.create("g").idempotency_key("").send().await),
    ] {
        assert!(
            matches!(result, Err(Error::InvalidArgument(_))),
            "{what}: {result:?}"
        );
    }
    assert!(matches!(
        plans.list().limit(0).send().await,
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        plans.get("").await,
        Err(Error::InvalidArgument(m)) if m.contains("plans")
    ));
}

#[tokio::test]
async fn get_encodes_the_id_as_one_path_segment() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v1/plans/a%2Fb%20c"))
        .respond_with(ResponseTemplate::new(200).set_body_json(plan_json("a/b c", "running")))
        .expect(1)
        .mount(&server)
        .await;

    assert_eq!(client.plans().get("a/b c").await.unwrap().id, "a/b c");
}

#[tokio::test]
async fn list_sends_its_filters_and_returns_the_page() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v1/plans"))
        .and(query_param("state", "waiting_approval"))
        .and(query_param("limit", "20"))
        .and(query_param("cursor", "c1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [plan_json("pl_1", "waiting_approval")], "nextCursor": "c2"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let page = client
        .plans()
        .list()
        .state(PlanState::WaitingApproval)
        .limit(20)
        .cursor("c1")
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.next_cursor.as_deref(), Some("c2"));
}

#[tokio::test]
async fn into_stream_walks_every_page_then_stops() {
    let (server, client) = setup().await;
    let page = |ids: &[&str], next: Option<&str>| {
        ResponseTemplate::new(200).set_body_json(json!({
            "items": ids.iter().map(|id| plan_json(id, "completed")).collect::<Vec<_>>(),
            "nextCursor": next,
        }))
    };
    Mock::given(method("GET"))
        .and(path("/v1/plans"))
        .and(query_param("cursor", "c2"))
        .respond_with(page(&["pl_3"], None))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/plans"))
        .and(query_param("cursor", "c1"))
        .respond_with(page(&[], Some("c2")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/plans"))
        .and(query_param("limit", "2"))
        .respond_with(page(&["pl_1", "pl_2"], Some("c1")))
        .with_priority(10)
        .expect(1)
        .mount(&server)
        .await;

    let ids: Vec<String> = client
        .plans()
        .list()
        .limit(2)
        .into_stream()
        .map_ok(|p| p.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["pl_1", "pl_2", "pl_3"]);
}

#[tokio::test]
async fn into_stream_fetches_a_page_only_when_needed() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v1/plans"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [plan_json("pl_1", "completed"), plan_json("pl_2", "completed")], "nextCursor": "c1"
        })))
        .mount(&server)
        .await;

    let first: Vec<_> = futures_util::StreamExt::take(client.plans().list().into_stream(), 2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first.len(), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn cancel_posts_once_and_returns_the_plan() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v1/plans/pl_1/cancel"))
        .respond_with(ResponseTemplate::new(200).set_body_json(plan_json("pl_1", "cancelled")))
        .expect(1)
        .mount(&server)
        .await;

    let plan = client.plans().cancel("pl_1").await.unwrap();
    assert_eq!(plan.state, PlanState::Cancelled);
    assert!(plan.state.is_terminal());
}

#[tokio::test]
async fn an_unknown_state_does_not_break_decoding() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v1/plans/pl_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(plan_json("pl_1", "paused")))
        .mount(&server)
        .await;

    assert_eq!(
        client.plans().get("pl_1").await.unwrap().state,
        PlanState::Unknown
    );
}
