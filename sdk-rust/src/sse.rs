//! A server-sent-event subscription that reconnects after a drop and resumes with `Last-Event-ID`.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use eventsource_stream::{EventStreamError, Eventsource};
use futures_util::{Stream, StreamExt, stream};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use reqwest::{Method, Url};

use crate::client::Client;
use crate::error::{Error, Result};

/// The engine sends a keep-alive comment every 15 s: three missed ones mean the connection is dead.
const IDLE_TIMEOUT: Duration = Duration::from_secs(45);

/// A live stream of `T` that reconnects by itself. Ends only after an error it cannot recover from (which it
/// yields first) or when dropped; dropping it closes the connection.
#[must_use = "streams do nothing unless polled"]
pub struct SseStream<T> {
    inner: Pin<Box<dyn Stream<Item = Result<T>> + Send>>,
}

impl<T> std::fmt::Debug for SseStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SseStream")
    }
}

impl<T: Send + 'static> SseStream<T> {
    /// A stream that yields this error and ends: for arguments refused before connecting.
    pub(crate) fn failed(e: Error) -> Self {
        SseStream {
            inner: Box::pin(stream::once(async move { Err(e) })),
        }
    }
}

impl<T> Stream for SseStream<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// What to subscribe to.
pub(crate) struct Subscription {
    pub url: Url,
    /// The id to resume after (sent as `Last-Event-ID`); `None` to start where the URL says.
    pub last_id: Option<String>,
    /// Whether to reconnect with `Last-Event-ID` (false for snapshot streams, where only the newest matters).
    pub resume: bool,
    /// Query pairs for the first connection only, when there is no id to resume from (e.g. `tail`).
    pub first_query: Vec<(&'static str, String)>,
}

/// Turns one SSE message into an item, or `None` to skip it (an event name this crate does not know).
pub(crate) type Decode<T> = fn(eventsource_stream::Event) -> Option<Result<T>>;

pub(crate) fn subscribe<T: Send + 'static>(
    client: Client,
    subscription: Subscription,
    decode: Decode<T>,
) -> SseStream<T> {
    let state = State {
        client,
        subscription,
        decode,
        connection: None,
        failures: 0,
        server_retry: None,
        retry_after: None,
        skip_id: None,
        done: false,
    };
    let inner = stream::unfold(state, |mut state| async move {
        let item = state.next().await?;
        Some((item, state))
    });
    SseStream {
        inner: Box::pin(inner),
    }
}

/// Why the byte stream under the SSE parser stopped.
#[derive(Debug)]
enum ReadError {
    Http(reqwest::Error),
    Idle,
}

type Connection = Pin<
    Box<dyn Stream<Item = Result<eventsource_stream::Event, EventStreamError<ReadError>>> + Send>,
>;

struct State<T> {
    client: Client,
    subscription: Subscription,
    decode: Decode<T>,
    connection: Option<Connection>,
    /// Connection failures and drops since the last event; more than `max_retries` in a row ends the stream.
    failures: u32,
    /// The server's `retry:` field, the wait before reconnecting.
    server_retry: Option<Duration>,
    /// The last failure's `Retry-After`: the next attempt waits at least that long.
    retry_after: Option<Duration>,
    /// The id sent as `Last-Event-ID`: an event with it right after reconnecting was delivered already.
    skip_id: Option<String>,
    done: bool,
}

impl<T> State<T> {
    async fn next(&mut self) -> Option<Result<T>> {
        loop {
            if self.done {
                return None;
            }
            let Some(connection) = self.connection.as_mut() else {
                if self.failures > 0 {
                    let wait = self.client.stream_wait(self.failures, self.server_retry);
                    let wait = wait.max(self.retry_after.take().unwrap_or_default());
                    tokio::time::sleep(wait).await;
                }
                if let Err(e) = self.connect().await
                    && let Some(fatal) = self.failed(e)
                {
                    return Some(Err(fatal));
                }
                continue;
            };
            match connection.next().await {
                Some(Ok(message)) => {
                    if let Some(retry) = message.retry {
                        self.server_retry = Some(retry);
                    }
                    let skip = self.skip_id.take();
                    if self.subscription.resume && !message.id.is_empty() {
                        if skip.as_deref() == Some(message.id.as_str()) {
                            continue;
                        }
                        self.subscription.last_id = Some(message.id.clone());
                    }
                    self.failures = 0;
                    if let Some(item) = (self.decode)(message) {
                        return Some(item);
                    }
                }
                Some(Err(EventStreamError::Transport(ReadError::Http(e)))) => {
                    self.connection = None;
                    if let Some(fatal) = self.failed(Error::Http(e)) {
                        return Some(Err(fatal));
                    }
                }
                // A clean end, an idle connection or bytes that are not SSE: reconnect, after a pause.
                Some(Err(_)) | None => {
                    self.connection = None;
                    self.failures += 1;
                }
            }
        }
    }

    /// Counts a failure; returns the error to end the stream with when it cannot be retried (any more).
    fn failed(&mut self, e: Error) -> Option<Error> {
        let transient = e.is_transient() || matches!(e, Error::Timeout(_));
        self.failures += 1;
        self.retry_after = e.retry_after();
        if transient && self.failures <= self.client.max_retries() {
            None
        } else {
            self.done = true;
            Some(e)
        }
    }

    async fn connect(&mut self) -> Result<()> {
        let mut url = self.subscription.url.clone();
        let mut last_event_id = None;
        match &self.subscription.last_id {
            Some(id) => {
                let value = HeaderValue::from_str(id).map_err(|_| {
                    Error::InvalidArgument(format!("event id {id:?} is not a valid header value"))
                })?;
                last_event_id = Some(value);
                self.skip_id = Some(id.clone());
            }
            None if !self.subscription.first_query.is_empty() => {
                let pairs = self.subscription.first_query.iter();
                url.query_pairs_mut()
                    .extend_pairs(pairs.map(|(k, v)| (*k, v.as_str())));
            }
            None => {}
        }
        let url_path = format!("GET {}", url.path());
        let mut request = self
            .client
            .request(Method::GET, url)
            .header(ACCEPT, "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id);
        }
        let timeout = self.client.timeout();
        let response = tokio::time::timeout(timeout, self.client.send_once(request))
            .await
            .map_err(|_| Error::Timeout(timeout))??;
        let response = self.client.check(response).await?;
        let content_type = response.headers().get(CONTENT_TYPE);
        if !content_type.is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream")) {
            // Not a stream (a proxy's page, a wrong URL): reconnecting would not change that.
            return Err(Error::Decode {
                message: format!(
                    "{} answered {content_type:?}, not text/event-stream",
                    url_path
                ),
                source: None,
            });
        }
        let bytes = response.bytes_stream();
        let guarded = stream::unfold(Some(Box::pin(bytes)), |bytes| async move {
            let mut bytes = bytes?;
            match tokio::time::timeout(IDLE_TIMEOUT, bytes.next()).await {
                Ok(Some(Ok(chunk))) => Some((Ok(chunk), Some(bytes))),
                Ok(Some(Err(e))) => Some((Err(ReadError::Http(e)), None)),
                Ok(None) => None,
                Err(_) => Some((Err(ReadError::Idle), None)),
            }
        });
        self.connection = Some(Box::pin(guarded.eventsource()));
        Ok(())
    }
}

/// Decodes the JSON `data:` of an SSE message.
pub(crate) fn data<D: serde::de::DeserializeOwned>(
    message: &eventsource_stream::Event,
) -> Result<D> {
    serde_json::from_str(&message.data)
        .map_err(|e| Error::decode(&format!("event {:?} ({})", message.id, message.event), e))
}
