//! Every error shape, and the retries: which requests, on what, how long they wait.

mod common;

use std::time::{Duration, Instant};

use common::{client_for, plan_json, problem, setup};
use ossaat::Error;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn a_400_carries_the_field_errors() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v1/plans"))
        .respond_with(
            ResponseTemplate::new(400).set_body_raw(
                json!({"type": "about:blank", "title": "Invalid request", "status": 400,
                       "detail": "agent: no agent named 'x'", "errors": [{"field": "agent", "message": "no agent named 'x'"}]})
                .to_string(),
                "application/problem+json",
            ),
        )
        .expect(1)
        .mount(&server)
        .await;

    let err = client
        .plans()
        .create("g")
        .agent("x")
        .send()
        .await
        .unwrap_err();
    let Error::Api { status, problem } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 400);
    assert_eq!(problem.type_uri, "about:blank");
    assert_eq!(problem.title, "Invalid request");
    assert_eq!(problem.detail.as_deref(), Some("agent: no agent named 'x'"));
    assert_eq!(problem.errors[0].field, "agent");
    assert_eq!(problem.errors[0].message, "no agent named 'x'");
    assert_eq!(
        err.to_string(),
        "400 Invalid request: agent: no agent named 'x'"
    );
}

#[tokio::test]
async fn statuses_have_their_helpers() {
    let (server, client) = setup().await;
    for (id, status, title) in [
        ("missing", 404, "Not Found"),
        ("done", 409, "Conflict"),
        ("nope", 403, "Forbidden"),
        ("who", 401, "Unauthorized"),
    ] {
        Mock::given(path(format!("/v1/plans/{id}/cancel")))
            .respond_with(
                ResponseTemplate::new(status).set_body_json(problem(status, title, "why")),
            )
            .mount(&server)
            .await;
    }
    let plans = client.plans();
    assert!(plans.cancel("missing").await.unwrap_err().is_not_found());
    assert!(plans.cancel("done").await.unwrap_err().is_conflict());
    assert!(plans.cancel("nope").await.unwrap_err().is_forbidden());
    assert!(plans.cancel("who").await.unwrap_err().is_unauthorized());
}

#[tokio::test]
async fn an_error_body_that_is_not_json_still_gives_the_status() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string("<h1>oops</h1>"))
        .mount(&server)
        .await;

    let err = client.plans().cancel("pl_1").await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    let problem = err.problem().unwrap();
    assert_eq!(problem.title, "Internal Server Error");
    assert_eq!(problem.detail.as_deref(), Some("<h1>oops</h1>"));
}

#[tokio::test]
async fn a_success_body_that_is_not_a_plan_is_a_decode_error() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 7})))
        .mount(&server)
        .await;

    let err = client.plans().get("pl_1").await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode { message, source: Some(_) } if message.contains("/v1/plans/pl_1")),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let (server, _) = setup().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let client = ossaat::Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();

    let err = client.plans().cancel("pl_1").await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout(d) if d == Duration::from_millis(200)),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_429_is_retried_after_the_time_the_server_asks() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .and(path("/v1/plans"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .insert_header("RateLimit", "limit=10, remaining=0, reset=1")
                .set_body_json(problem(429, "Too Many Requests", "slow down")),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/plans"))
        .respond_with(ResponseTemplate::new(201).set_body_json(plan_json("pl_1", "running")))
        .mount(&server)
        .await;

    let started = Instant::now();
    let plan = client.plans().create("g").send().await.unwrap();
    assert_eq!(plan.id, "pl_1");
    // The client's own backoff is 5 ms at most: only Retry-After explains a second.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn gets_are_retried_on_503_502_504_until_they_succeed() {
    let (server, client) = setup().await;
    for status in [503, 502, 504] {
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(plan_json("pl_1", "running")))
        .with_priority(2)
        .mount(&server)
        .await;

    assert_eq!(client.plans().get("pl_1").await.unwrap().id, "pl_1");
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn retries_stop_after_max_retries_with_the_last_error() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_json(problem(
            503,
            "Service Unavailable",
            "database down",
        )))
        .mount(&server)
        .await;

    let err = client.plans().get("pl_1").await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.problem().unwrap().detail.as_deref(),
        Some("database down")
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1 + 3);
}

#[tokio::test]
async fn a_retry_after_too_long_to_wait_is_handed_to_the_caller() {
    let (server, client) = setup().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .mount(&server)
        .await;

    let err = client.plans().get("pl_1").await.unwrap_err();
    assert!(err.is_rate_limited());
    assert_eq!(
        err.problem().unwrap().retry_after,
        Some(Duration::from_secs(3600))
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn decisions_and_cancels_are_sent_once_even_on_503() {
    let (server, client) = setup().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .mount(&server)
        .await;

    assert_eq!(
        client.plans().cancel("pl_1").await.unwrap_err().status(),
        Some(503)
    );
    let err = client.steps("pl_1").approve("s").send().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    let err = client.steps("pl_1").reject("s").send().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_refused_connection_is_an_http_error_after_the_retries() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = client_for(&format!("http://127.0.0.1:{port}"));

    let err = client.plans().get("pl_1").await.unwrap_err();
    assert!(matches!(err, Error::Http(_)), "{err:?}");
}

#[test]
fn the_builder_refuses_bad_settings() {
    let bad = [
        ossaat::Client::builder().base_url("not a url").build(),
        ossaat::Client::builder().base_url("ftp://host").build(),
        ossaat::Client::builder().token("two\nlines").build(),
        ossaat::Client::builder().timeout(Duration::ZERO).build(),
    ];
    for result in bad {
        assert!(
            matches!(result, Err(Error::InvalidArgument(_))),
            "{result:?}"
        );
    }
}

#[test]
fn debug_output_hides_the_token() {
    let client = ossaat::Client::builder()
        .token("oss_secret")
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains("oss_secret"), "{shown}");
}

#[tokio::test]
async fn a_connection_cut_before_the_answer_is_retried_for_a_get() {
    let (url, heads) = common::raw_server(vec![
        None,
        Some(common::raw_json("200 OK", &plan_json("pl_1", "running"))),
    ]);
    let client = client_for(&url);

    assert_eq!(client.plans().get("pl_1").await.unwrap().id, "pl_1");
    assert_eq!(heads.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_body_cut_short_is_read_again_for_a_get() {
    let (url, heads) = common::raw_server(vec![
        Some("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":".to_owned()),
        Some(common::raw_json("200 OK", &plan_json("pl_1", "running"))),
    ]);
    let client = client_for(&url);

    assert_eq!(client.plans().get("pl_1").await.unwrap().id, "pl_1");
    assert_eq!(heads.lock().unwrap().len(), 2);
}
