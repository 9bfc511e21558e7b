//! One setup for the wiremock suites: a mock engine on a real socket and a client wired to it.
#![allow(dead_code)]

use std::time::Duration;

use serde_json::{Value, json};
use wiremock::MockServer;

pub async fn setup() -> (MockServer, ossaat::Client) {
    let server = MockServer::start().await;
    let client = client_for(&server.uri());
    (server, client)
}

/// Short backoff so retry tests do not wait; `Retry-After` is still honoured as sent.
pub fn client_for(url: &str) -> ossaat::Client {
    ossaat::Client::builder()
        .base_url(url)
        .token("test-token")
        .timeout(Duration::from_secs(5))
        .max_retries(3)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .stream_retry(Duration::from_millis(1))
        .build()
        .expect("client")
}

/// A plan as the engine writes it (the careful agent, first step waiting).
pub fn plan_json(id: &str, state: &str) -> Value {
    json!({
        "id": id, "goal": "add a README", "agent": "careful", "inputs": {}, "labels": {"team": "docs"},
        "state": state, "createdAt": "2026-12-01T14:05:36.005218Z", "updatedAt": "2026-12-01T14:05:36.005218Z",
        "steps": [{
            "id": "index_repo", "action": "index_repo", "tool": "repo_indexer", "capability": "repo.read",
            "capabilityLabel": "Read the repository", "approvalRequired": true, "timeoutSeconds": 120,
            "dependsOn": [], "state": "waiting_approval", "attempt": 0, "input": {}
        }]
    })
}

/// A problem+json body.
pub fn problem(status: u16, title: &str, detail: &str) -> Value {
    json!({"type": "about:blank", "title": title, "status": status, "detail": detail})
}

/// One SSE message as the engine writes it.
pub fn sse_event(id: &str, plan: &str, step: &str, state: &str) -> String {
    format!(
        "id:{id}\nevent:plan.step\ndata:{{\"seq\":0,\"planId\":\"{plan}\",\"stepId\":\"{step}\",\"state\":\"{state}\",\"attempt\":0,\"occurredAt\":\"2026-12-01T14:05:36Z\"}}\n\n"
    )
}

/// A bare HTTP server for what wiremock cannot do (cut a connection): it serves one scripted answer per
/// connection, in order, each written raw and then the socket closed; `None` closes without a word. Returns its
/// URL and the request heads it read.
pub fn raw_server(
    answers: Vec<Option<String>>,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let heads = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = heads.clone();
    std::thread::spawn(move || {
        for answer in answers {
            let Ok((mut socket, _)) = listener.accept() else {
                return;
            };
            let mut reader = BufReader::new(socket.try_clone().unwrap());
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            seen.lock().unwrap().push(head);
            if let Some(answer) = answer {
                let _ = socket.write_all(answer.as_bytes());
            }
            let _ = socket.shutdown(std::net::Shutdown::Both);
        }
    });
    (url, heads)
}

/// A raw HTTP/1.1 answer with a JSON body.
pub fn raw_json(status: &str, body: &Value) -> String {
    let body = body.to_string();
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// The head of an SSE answer that ends when the connection does.
pub fn raw_sse_head() -> String {
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n".to_owned()
}
