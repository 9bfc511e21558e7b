//! Event streams: decoding, opaque ids, and resuming after a drop with nothing lost or repeated.

mod common;

use common::{raw_server, raw_sse_head, setup, sse_event};
use futures_util::StreamExt;
use ossaat::{Error, StepState};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

fn sse(body: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body, "text/event-stream")
}

#[tokio::test]
async fn a_plan_stream_yields_its_events_with_their_ids_as_sent() {
    let (server, client) = setup().await;
    let body = [
        ": keep-alive\n\n".to_owned(),
        sse_event("evt-a", "pl_1", "index_repo", "waiting_approval"),
        "id:evt-b\nevent:plan.step\ndata:{\"seq\":2,\"planId\":\"pl_1\",\"state\":\"running\",\"attempt\":0,\"summary\":\"plan created\",\"occurredAt\":\"t\"}\n\n".to_owned(),
        "id:evt-c\nevent:something.new\ndata:{}\n\n".to_owned(),
        sse_event("evt-d", "pl_1", "index_repo", "queued"),
    ]
    .concat();
    Mock::given(method("GET"))
        .and(path("/v1/plans/pl_1/events"))
        .and(header("Accept", "text/event-stream"))
        .and(header("Authorization", "Bearer test-token"))
        .respond_with(sse(body))
        .expect(1)
        .mount(&server)
        .await;

    let events: Vec<_> = client
        .events()
        .plan("pl_1")
        .stream()
        .take(3)
        .collect()
        .await;
    let events: Vec<_> = events.into_iter().map(Result::unwrap).collect();

    assert_eq!(events[0].id, "evt-a");
    assert_eq!(events[0].step_id.as_deref(), Some("index_repo"));
    assert_eq!(events[0].state, StepState::WaitingApproval);
    assert_eq!(events[1].step_id, None, "a plan-level event has no step");
    assert_eq!(events[1].summary.as_deref(), Some("plan created"));
    // evt-c has a name this crate does not know: skipped, not an error.
    assert_eq!(events[2].id, "evt-d");
}

#[tokio::test]
async fn after_a_clean_end_it_resumes_from_the_last_id_and_skips_a_repeat() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v1/events"))
        .and(header("Last-Event-ID", "e2"))
        .respond_with(sse(
            // A server that resends the event it was asked to resume after: not delivered twice.
            sse_event("e2", "pl_1", "s", "queued") + &sse_event("e3", "pl_1", "s", "running"),
        ))
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/events"))
        .respond_with(sse(sse_event("e1", "pl_1", "s", "waiting_approval")
            + &sse_event("e2", "pl_1", "s", "queued")))
        .up_to_n_times(1)
        .with_priority(2)
        .expect(1)
        .mount(&server)
        .await;

    let mut stream = client.events().all().stream();
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(stream.next().await.unwrap().unwrap().id);
    }
    assert_eq!(ids, ["e1", "e2", "e3"]);
}

#[tokio::test]
async fn an_event_cut_in_half_by_a_dropped_connection_arrives_whole_after_the_resume() {
    let half = "id:e2\nevent:plan.step\ndata:{\"planId\":\"pl_1\",\"st";
    let (url, heads) = raw_server(vec![
        Some(raw_sse_head() + &sse_event("e1", "pl_1", "s", "waiting_approval") + half),
        None, // a reconnect that fails is retried too
        Some(raw_sse_head() + &sse_event("e2", "pl_1", "s", "queued")),
    ]);
    let client = common::client_for(&url);

    let mut stream = client.events().plan("pl_1").after("e0").stream();
    let first = stream.next().await.unwrap().unwrap();
    let second = stream.next().await.unwrap().unwrap();

    assert_eq!((first.id.as_str(), second.id.as_str()), ("e1", "e2"));
    assert_eq!(second.state, StepState::Queued);
    let heads = heads.lock().unwrap();
    let last_event_id = |head: &String| {
        head.lines()
            .find_map(|l| l.strip_prefix("last-event-id: "))
            .map(str::to_owned)
    };
    assert_eq!(last_event_id(&heads[0]).as_deref(), Some("e0"));
    assert_eq!(last_event_id(&heads[1]).as_deref(), Some("e1"));
    assert_eq!(last_event_id(&heads[2]).as_deref(), Some("e1"));
}

#[tokio::test]
async fn a_4xx_ends_the_stream_with_the_error() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v1/plans/nope/events"))
        .respond_with(ResponseTemplate::new(404).set_body_json(common::problem(
            404,
            "Not Found",
            "plan 'nope' does not exist",
        )))
        .expect(1)
        .mount(&server)
        .await;

    let items: Vec<_> = client.events().plan("nope").stream().collect().await;
    assert_eq!(items.len(), 1);
    assert!(items[0].as_ref().unwrap_err().is_not_found());
}

#[tokio::test]
async fn a_stream_gives_up_after_max_retries_failed_reconnects() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;

    let items: Vec<_> = client.events().all().stream().collect().await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap_err().status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1 + 3);
}

#[tokio::test]
async fn tail_asks_for_the_last_events_on_the_first_connection_only() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(path("/v1/events"))
        .and(query_param("tail", "5"))
        .respond_with(sse(sse_event("e9", "pl_1", "s", "running")))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/events"))
        .and(header("Last-Event-ID", "e9"))
        .respond_with(sse(sse_event("e10", "pl_1", "s", "completed")))
        .expect(1)
        .mount(&server)
        .await;

    let ids: Vec<_> = client
        .events()
        .all()
        .tail(5)
        .stream()
        .take(2)
        .map(|e| e.unwrap().id)
        .collect()
        .await;
    assert_eq!(ids, ["e9", "e10"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[1].url.query(), None);
}

#[tokio::test]
async fn tail_on_a_plan_stream_is_refused_before_connecting() {
    let (server, client) = setup().await;
    let items: Vec<_> = client
        .events()
        .plan("pl_1")
        .tail(3)
        .stream()
        .collect()
        .await;
    assert!(matches!(items[..], [Err(Error::InvalidArgument(_))]));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_malformed_event_is_an_error_item_and_the_stream_goes_on() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .respond_with(sse("id:e1\nevent:plan.step\ndata:{not json\n\n".to_owned()
            + &sse_event("e2", "pl_1", "s", "running")))
        .mount(&server)
        .await;

    let mut stream = client.events().all().stream();
    assert!(matches!(
        stream.next().await,
        Some(Err(Error::Decode { .. }))
    ));
    assert_eq!(stream.next().await.unwrap().unwrap().id, "e2");
}

#[tokio::test]
async fn an_answer_that_is_not_an_event_stream_ends_the_stream() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>login</html>"))
        .mount(&server)
        .await;

    let items: Vec<_> = client.events().all().stream().collect().await;
    assert!(
        matches!(&items[..], [Err(Error::Decode { message, .. })] if message.contains("text/event-stream")),
        "{items:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_reconnect_waits_the_servers_retry() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .and(header("Last-Event-ID", "e1"))
        .respond_with(sse(sse_event("e2", "pl_1", "s", "running")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(sse(
            "retry:700\n".to_owned() + &sse_event("e1", "pl_1", "s", "queued")
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;

    let mut stream = client.events().all().stream();
    assert_eq!(stream.next().await.unwrap().unwrap().id, "e1");
    let dropped = std::time::Instant::now();
    assert_eq!(stream.next().await.unwrap().unwrap().id, "e2");
    // The client's own stream_retry is 1 ms here: only the server's retry: explains the pause (±10 % jitter).
    assert!(
        dropped.elapsed() >= std::time::Duration::from_millis(630),
        "{:?}",
        dropped.elapsed()
    );
}
