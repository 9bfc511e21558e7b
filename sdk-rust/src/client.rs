//! The client, its builder, and the one way every request is sent: auth, timeout, retries, error mapping.

use std::fmt;

use bytes::Bytes;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, Response, Url};
use serde::de::DeserializeOwned;

use crate::error::{self, Error, Result};
use crate::events::Events;
use crate::models::{Agent, Health, Items, Readiness, Tool};
use crate::plans::Plans;
use crate::retry::Backoff;
use crate::slo::Slo;
use crate::steps::Steps;
use crate::tokens::Tokens;

/// Where a local engine listens unless told otherwise.
pub const DEFAULT_URL: &str = "http://127.0.0.1:7070";

/// How long an idle kept-alive connection is kept for the next request. The engine keeps one open at least 10 s
/// after an answer (it says how long in `Keep-Alive: timeout=N`, or says `Connection: close`) and then closes it
/// without a word: a request that goes out on a connection as the engine closes it fails unanswered, and only a
/// request that is safe to repeat is sent again. Dropping idle connections well before that avoids it.
const IDLE_CONNECTION_TIMEOUT: Duration = Duration::from_secs(5);

/// A client of one engine. Cheap to clone: clones share the connection pool.
///
/// ```no_run
/// # async fn run() -> ossaat::Result<()> {
/// let client = ossaat::Client::builder()
///     .base_url("http://127.0.0.1:7070")
///     .token(std::env::var("OSSAAT_TOKEN").unwrap_or_default())
///     .build()?;
/// let plan = client.plans().create("add a README").agent("careful").send().await?;
/// println!("{} is {}", plan.id, plan.state);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: Url,
    auth: Option<HeaderValue>,
    timeout: Duration,
    max_retries: u32,
    backoff: Backoff,
    stream_retry: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base.as_str())
            .field("token", &self.inner.auth.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .finish()
    }
}

/// Builds a [`Client`]; every setting is checked in [`build`](ClientBuilder::build).
#[derive(Debug, Clone)]
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    token: Option<String>,
    timeout: Duration,
    max_retries: u32,
    backoff: Backoff,
    stream_retry: Duration,
    user_agent: String,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: DEFAULT_URL.to_owned(),
            token: None,
            timeout: Duration::from_secs(30),
            max_retries: 3,
            backoff: Backoff::default(),
            stream_retry: Duration::from_secs(1),
            user_agent: concat!("ossaat-rust/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

impl ClientBuilder {
    /// The engine's URL, e.g. `http://127.0.0.1:7070` (a path prefix is kept). Default [`DEFAULT_URL`].
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The bearer token (`<data-dir>/token` for the owner). An empty token sends none.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// How long one request may take, connect to last byte; event streams are exempt. Default 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many times a GET or a keyed create is sent again after 429, 502, 503, 504 or a connection error.
    /// Default 3; 0 turns retries off.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The first and the longest wait between retries (doubling, ±10 % jitter) when the engine sends no
    /// `Retry-After`. Default 250 ms and 8 s.
    pub fn retry_backoff(mut self, first: Duration, max: Duration) -> Self {
        self.backoff = Backoff { first, max };
        self
    }

    /// The wait before an event stream reconnects when the server sent no `retry:`; it doubles while
    /// reconnections fail in a row (up to the retry backoff's max), and is never shorter than a `Retry-After`.
    /// Default 1 s.
    pub fn stream_retry(mut self, wait: Duration) -> Self {
        self.stream_retry = wait;
        self
    }

    /// The `User-Agent` header. Default `ossaat-rust/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Checks the settings and makes the client.
    pub fn build(self) -> Result<Client> {
        let mut base = Url::parse(self.base_url.trim())
            .map_err(|e| Error::InvalidArgument(format!("base_url {:?}: {e}", self.base_url)))?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(Error::InvalidArgument(format!(
                "base_url {:?}: must be an http or https URL",
                self.base_url
            )));
        }
        base.set_query(None);
        base.set_fragment(None);
        if self.timeout.is_zero() {
            return Err(Error::InvalidArgument("timeout must be above zero".into()));
        }
        if self.backoff.first.is_zero() || self.backoff.max < self.backoff.first {
            return Err(Error::InvalidArgument(
                "retry_backoff: first must be above zero and max at least first".into(),
            ));
        }
        let auth = match self.token.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(token) => {
                let mut value =
                    HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
                        Error::InvalidArgument(
                            "token: only visible ASCII characters are allowed".into(),
                        )
                    })?;
                value.set_sensitive(true);
                Some(value)
            }
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            header::USER_AGENT,
            HeaderValue::from_str(&self.user_agent).map_err(|_| {
                Error::InvalidArgument("user_agent: not a valid header value".into())
            })?,
        );
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .connect_timeout(self.timeout.min(Duration::from_secs(10)))
            .pool_idle_timeout(IDLE_CONNECTION_TIMEOUT)
            .build()
            .map_err(Error::Http)?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                auth,
                timeout: self.timeout,
                max_retries: self.max_retries,
                backoff: self.backoff,
                stream_retry: self.stream_retry,
            }),
        })
    }
}

impl Client {
    /// A builder with the defaults: [`DEFAULT_URL`], no token, 30 s timeout, 3 retries.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from `OSSAAT_URL` (default [`DEFAULT_URL`]) and `OSSAAT_TOKEN`.
    ///
    /// ```no_run
    /// # fn run() -> ossaat::Result<()> {
    /// let client = ossaat::Client::from_env()?;
    /// # Ok(()) }
    /// ```
    pub fn from_env() -> Result<Client> {
        Client::builder_from_env().build()
    }

    /// The builder [`from_env`](Client::from_env) uses, to change more settings.
    pub fn builder_from_env() -> ClientBuilder {
        let mut builder = Client::builder();
        if let Some(url) = env_var("OSSAAT_URL") {
            builder = builder.base_url(url);
        }
        if let Some(token) = env_var("OSSAAT_TOKEN") {
            builder = builder.token(token);
        }
        builder
    }

    /// The engine's URL.
    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    /// Plans: create, get, list, cancel.
    pub fn plans(&self) -> Plans {
        Plans::new(self.clone())
    }

    /// Approve or reject the steps of one plan.
    pub fn steps(&self, plan_id: impl Into<String>) -> Steps {
        Steps::new(self.clone(), plan_id.into())
    }

    /// Live event streams that resume after a dropped connection.
    pub fn events(&self) -> Events {
        Events::new(self.clone())
    }

    /// Service level objectives.
    pub fn slo(&self) -> Slo {
        Slo::new(self.clone())
    }

    /// API tokens (owner only).
    pub fn tokens(&self) -> Tokens {
        Tokens::new(self.clone())
    }

    /// `GET /healthz`: whether the engine answers at all.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// assert_eq!(client.health().await?.status, "ok");
    /// # Ok(()) }
    /// ```
    pub async fn health(&self) -> Result<Health> {
        self.get_json(&["healthz"], &[]).await
    }

    /// `GET /readyz`: the components' states. A 503 (a component down) is an answer too, not an error.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// let ready = client.ready().await?;
    /// println!("ready: {}, {:?}", ready.is_ready(), ready.components);
    /// # Ok(()) }
    /// ```
    pub async fn ready(&self) -> Result<Readiness> {
        let url = self.url(&["readyz"])?;
        let request = self.request(Method::GET, url).timeout(self.inner.timeout);
        let response = self.send_once(request).await?;
        if response.status() == reqwest::StatusCode::SERVICE_UNAVAILABLE {
            let retry_after = error::parse_retry_after(response.headers());
            let body = self.body(response).await?;
            return serde_json::from_slice(&body).map_err(|_| {
                error::api_error(reqwest::StatusCode::SERVICE_UNAVAILABLE, retry_after, &body)
            });
        }
        let response = self.check(response).await?;
        self.json("GET /readyz", response).await
    }

    /// `GET /v1/agents`: the agent profiles.
    pub async fn agents(&self) -> Result<Vec<Agent>> {
        let items: Items<Agent> = self.get_json(&["v1", "agents"], &[]).await?;
        Ok(items.items)
    }

    /// `GET /v1/tools`: the registered tools and their capabilities.
    pub async fn tools(&self) -> Result<Vec<Tool>> {
        let items: Items<Tool> = self.get_json(&["v1", "tools"], &[]).await?;
        Ok(items.items)
    }

    /// `GET /metrics`: the Prometheus text exposition.
    pub async fn metrics(&self) -> Result<String> {
        self.get_text(&["metrics"]).await
    }

    // ---- the one way requests are made (crate-internal) ----

    /// The base URL with these path segments appended, each percent-encoded.
    pub(crate) fn url(&self, segments: &[&str]) -> Result<Url> {
        if let Some(empty) = segments.iter().position(|s| s.is_empty()) {
            let what = segments.get(empty.wrapping_sub(1)).unwrap_or(&"path");
            return Err(Error::InvalidArgument(format!(
                "an id after '{what}' must not be empty"
            )));
        }
        let mut url = self.inner.base.clone();
        url.path_segments_mut()
            .expect("checked in build: the base URL can be a base")
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    pub(crate) fn request(&self, method: Method, url: Url) -> reqwest::RequestBuilder {
        let mut request = self.inner.http.request(method, url);
        if let Some(auth) = &self.inner.auth {
            request = request.header(header::AUTHORIZATION, auth.clone());
        }
        request
    }

    /// Sends once, with the client's timeout; a non-2xx answer becomes [`Error::Api`].
    pub(crate) async fn execute(&self, request: reqwest::RequestBuilder) -> Result<Response> {
        let response = self.send_once(request.timeout(self.inner.timeout)).await?;
        self.check(response).await
    }

    /// Sends once; only transport failures are errors here.
    pub(crate) async fn send_once(&self, request: reqwest::RequestBuilder) -> Result<Response> {
        let timeout = self.inner.timeout;
        request
            .send()
            .await
            .map_err(|e| Error::from_reqwest(e, timeout))
    }

    /// A non-2xx answer becomes [`Error::Api`]; the one place statuses become errors.
    pub(crate) async fn check(&self, response: Response) -> Result<Response> {
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let retry_after = error::parse_retry_after(response.headers());
        let body = response.bytes().await.unwrap_or_default();
        Err(error::api_error(status, retry_after, &body))
    }

    /// Sends and reads the body, and does both again on transient failures: only for requests that are safe
    /// to repeat (GETs and creates with an Idempotency-Key). `make` builds the request afresh for every attempt.
    pub(crate) async fn fetch_retrying(
        &self,
        make: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<Bytes> {
        let mut attempt = 0;
        loop {
            let result = match self.execute(make()).await {
                Ok(response) => self.body(response).await,
                Err(e) => Err(e),
            };
            match result {
                Err(e) if e.is_transient() && attempt < self.inner.max_retries => {
                    let Some(wait) = self.inner.backoff.wait(attempt, e.retry_after()) else {
                        return Err(e);
                    };
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    pub(crate) async fn body(&self, response: Response) -> Result<Bytes> {
        let timeout = self.inner.timeout;
        response
            .bytes()
            .await
            .map_err(|e| Error::from_reqwest(e, timeout))
    }

    /// Reads and decodes the body of a request that was sent once.
    pub(crate) async fn json<T: DeserializeOwned>(
        &self,
        what: &str,
        response: Response,
    ) -> Result<T> {
        let body = self.body(response).await?;
        decode(what, &body)
    }

    /// A retried GET of JSON.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
    ) -> Result<T> {
        let mut url = self.url(segments)?;
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let body = self
            .fetch_retrying(|| self.request(Method::GET, url.clone()))
            .await?;
        decode(&format!("GET {}", url.path()), &body)
    }

    /// A retried GET of text.
    pub(crate) async fn get_text(&self, segments: &[&str]) -> Result<String> {
        let url = self.url(segments)?;
        let body = self
            .fetch_retrying(|| self.request(Method::GET, url.clone()))
            .await?;
        String::from_utf8(body.to_vec()).map_err(|e| Error::Decode {
            message: format!("GET {}: {e}", url.path()),
            source: None,
        })
    }

    pub(crate) fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    pub(crate) fn max_retries(&self) -> u32 {
        self.inner.max_retries
    }

    /// The wait before reconnection number `failures` of a stream (1 for the first after a failure).
    pub(crate) fn stream_wait(&self, failures: u32, server_retry: Option<Duration>) -> Duration {
        let first = server_retry.unwrap_or(self.inner.stream_retry);
        let backoff = Backoff {
            first,
            max: self.inner.backoff.max.max(first),
        };
        backoff.delay(failures.saturating_sub(1))
    }
}

/// Decodes a JSON body; `what` names the request in the error.
pub(crate) fn decode<T: DeserializeOwned>(what: &str, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| Error::decode(what, e))
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
