//! The same client without async: every call blocks until it is done. Feature `blocking`.
//!
//! ```no_run
//! # fn run() -> ossaat::Result<()> {
//! let client = ossaat::blocking::Client::from_env()?;
//! let plan = client.plans().create("add a README").agent("careful").send()?;
//! for event in client.events().plan(&plan.id).stream() {
//!     let event = event?;
//!     println!("{:?} {:?}", event.step_id, event.state);
//!     # break;
//! }
//! # Ok(()) }
//! ```
//!
//! It wraps the async [`crate::Client`] and a small single-threaded Tokio runtime of its own, so it shares the
//! async client's retries, errors and stream resumption. Like `reqwest::blocking`, it must not be called or
//! dropped inside an async runtime: use the async client there.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use serde_json::Value;
use tokio::runtime::Runtime;

use crate::error::Result;
use crate::models::{
    Agent, Event, Health, NewToken, Page, Plan, PlanState, Readiness, Role, SloDetail, SloStatus,
    TokenInfo, Tool,
};

/// The blocking client. Cheap to clone: clones share the connection pool and the runtime.
///
/// ```no_run
/// # fn run() -> ossaat::Result<()> {
/// let client = ossaat::blocking::Client::builder()
///     .base_url("http://127.0.0.1:7070")
///     .token(std::env::var("OSSAAT_TOKEN").unwrap_or_default())
///     .build()?;
/// println!("{}", client.health()?.status);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    inner: crate::Client,
    rt: Rt,
}

/// The runtime every blocking call runs on.
#[derive(Clone)]
struct Rt(Arc<Runtime>);

impl std::fmt::Debug for Rt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Runtime")
    }
}

impl Rt {
    fn new() -> Rt {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("ossaat::blocking: cannot start its Tokio runtime");
        Rt(Arc::new(runtime))
    }

    fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.0.block_on(future)
    }

    fn iter<T>(&self, stream: impl Stream<Item = Result<T>> + Send + 'static) -> Iter<T> {
        Iter {
            stream: Box::pin(stream),
            rt: self.clone(),
        }
    }
}

/// Builds a blocking [`Client`]; the settings of [`crate::ClientBuilder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct ClientBuilder(crate::ClientBuilder);

impl ClientBuilder {
    /// See [`crate::ClientBuilder::base_url`].
    pub fn base_url(self, url: impl Into<String>) -> Self {
        ClientBuilder(self.0.base_url(url))
    }

    /// See [`crate::ClientBuilder::token`].
    pub fn token(self, token: impl Into<String>) -> Self {
        ClientBuilder(self.0.token(token))
    }

    /// See [`crate::ClientBuilder::timeout`].
    pub fn timeout(self, timeout: Duration) -> Self {
        ClientBuilder(self.0.timeout(timeout))
    }

    /// See [`crate::ClientBuilder::max_retries`].
    pub fn max_retries(self, retries: u32) -> Self {
        ClientBuilder(self.0.max_retries(retries))
    }

    /// See [`crate::ClientBuilder::retry_backoff`].
    pub fn retry_backoff(self, first: Duration, max: Duration) -> Self {
        ClientBuilder(self.0.retry_backoff(first, max))
    }

    /// See [`crate::ClientBuilder::stream_retry`].
    pub fn stream_retry(self, wait: Duration) -> Self {
        ClientBuilder(self.0.stream_retry(wait))
    }

    /// See [`crate::ClientBuilder::user_agent`].
    pub fn user_agent(self, user_agent: impl Into<String>) -> Self {
        ClientBuilder(self.0.user_agent(user_agent))
    }

    /// Checks the settings and makes the client (and its runtime).
    pub fn build(self) -> Result<Client> {
        Ok(Client::from_async(self.0.build()?))
    }
}

impl Client {
    /// A builder with the defaults of [`crate::Client::builder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder(crate::Client::builder())
    }

    /// A client from `OSSAAT_URL` (default [`crate::DEFAULT_URL`]) and `OSSAAT_TOKEN`.
    pub fn from_env() -> Result<Client> {
        ClientBuilder(crate::Client::builder_from_env()).build()
    }

    /// Wraps an async client, with a runtime of its own.
    pub fn from_async(client: crate::Client) -> Client {
        Client {
            inner: client,
            rt: Rt::new(),
        }
    }

    /// Plans: create, get, list, cancel.
    pub fn plans(&self) -> Plans {
        Plans {
            inner: self.inner.plans(),
            rt: self.rt.clone(),
        }
    }

    /// Approve or reject the steps of one plan.
    pub fn steps(&self, plan_id: impl Into<String>) -> Steps {
        Steps {
            inner: self.inner.steps(plan_id),
            rt: self.rt.clone(),
        }
    }

    /// Live event streams, as iterators that resume after a dropped connection.
    pub fn events(&self) -> Events {
        Events {
            inner: self.inner.events(),
            rt: self.rt.clone(),
        }
    }

    /// Service level objectives.
    pub fn slo(&self) -> Slo {
        Slo {
            inner: self.inner.slo(),
            rt: self.rt.clone(),
        }
    }

    /// API tokens (owner only).
    pub fn tokens(&self) -> Tokens {
        Tokens {
            inner: self.inner.tokens(),
            rt: self.rt.clone(),
        }
    }

    /// See [`crate::Client::health`].
    pub fn health(&self) -> Result<Health> {
        self.rt.block_on(self.inner.health())
    }

    /// See [`crate::Client::ready`].
    pub fn ready(&self) -> Result<Readiness> {
        self.rt.block_on(self.inner.ready())
    }

    /// See [`crate::Client::agents`].
    pub fn agents(&self) -> Result<Vec<Agent>> {
        self.rt.block_on(self.inner.agents())
    }

    /// See [`crate::Client::tools`].
    pub fn tools(&self) -> Result<Vec<Tool>> {
        self.rt.block_on(self.inner.tools())
    }

    /// See [`crate::Client::metrics`].
    pub fn metrics(&self) -> Result<String> {
        self.rt.block_on(self.inner.metrics())
    }
}

/// A blocking iterator over a live stream or over pages; each `next` waits for the next item.
#[must_use = "iterators do nothing unless iterated"]
pub struct Iter<T> {
    stream: Pin<Box<dyn Stream<Item = Result<T>> + Send>>,
    rt: Rt,
}

impl<T> std::fmt::Debug for Iter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Iter")
    }
}

impl<T> Iterator for Iter<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        self.rt.block_on(self.stream.next())
    }
}

/// See [`crate::Plans`].
#[derive(Debug, Clone)]
pub struct Plans {
    inner: crate::Plans,
    rt: Rt,
}

impl Plans {
    /// See [`crate::Plans::create`].
    pub fn create(&self, goal: impl Into<String>) -> CreatePlan {
        CreatePlan {
            inner: self.inner.create(goal),
            rt: self.rt.clone(),
        }
    }

    /// See [`crate::Plans::get`].
    pub fn get(&self, id: &str) -> Result<Plan> {
        self.rt.block_on(self.inner.get(id))
    }

    /// See [`crate::Plans::list`]; iterate it for every plan of every page.
    pub fn list(&self) -> ListPlans {
        ListPlans {
            inner: self.inner.list(),
            rt: self.rt.clone(),
        }
    }

    /// See [`crate::Plans::cancel`].
    pub fn cancel(&self, id: &str) -> Result<Plan> {
        self.rt.block_on(self.inner.cancel(id))
    }
}

/// See [`crate::CreatePlan`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .send()"]
pub struct CreatePlan {
    inner: crate::CreatePlan,
    rt: Rt,
}

impl CreatePlan {
    /// See [`crate::CreatePlan::agent`].
    pub fn agent(self, agent: impl Into<String>) -> Self {
        self.map(|b| b.agent(agent))
    }

    /// See [`crate::CreatePlan::workspace`].
    pub fn workspace(self, workspace: impl Into<String>) -> Self {
        self.map(|b| b.workspace(workspace))
    }

    /// See [`crate::CreatePlan::inputs`].
    pub fn inputs(self, inputs: Value) -> Self {
        self.map(|b| b.inputs(inputs))
    }

    /// See [`crate::CreatePlan::labels`].
    pub fn labels<K: Into<String>, V: Into<String>>(
        self,
        labels: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.map(|b| b.labels(labels))
    }

    /// See [`crate::CreatePlan::label`].
    pub fn label(self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.map(|b| b.label(key, value))
    }

    /// See [`crate::CreatePlan::idempotency_key`].
    pub fn idempotency_key(self, key: impl Into<String>) -> Self {
        self.map(|b| b.idempotency_key(key))
    }

    /// See [`crate::CreatePlan::send`].
    pub fn send(self) -> Result<Plan> {
        self.rt.block_on(self.inner.send())
    }

    fn map(self, f: impl FnOnce(crate::CreatePlan) -> crate::CreatePlan) -> Self {
        CreatePlan {
            inner: f(self.inner),
            rt: self.rt,
        }
    }
}

/// See [`crate::ListPlans`]. Iterating it yields every plan of every page.
///
/// ```no_run
/// # fn run(client: ossaat::blocking::Client) -> ossaat::Result<()> {
/// for plan in client.plans().list().state(ossaat::PlanState::WaitingApproval) {
///     println!("{}", plan?.goal);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .send() or iteration"]
pub struct ListPlans {
    inner: crate::ListPlans,
    rt: Rt,
}

impl ListPlans {
    /// See [`crate::ListPlans::state`].
    pub fn state(self, state: PlanState) -> Self {
        self.map(|b| b.state(state))
    }

    /// See [`crate::ListPlans::limit`].
    pub fn limit(self, limit: u32) -> Self {
        self.map(|b| b.limit(limit))
    }

    /// See [`crate::ListPlans::cursor`].
    pub fn cursor(self, cursor: impl Into<String>) -> Self {
        self.map(|b| b.cursor(cursor))
    }

    /// See [`crate::ListPlans::send`].
    pub fn send(&self) -> Result<Page<Plan>> {
        self.rt.block_on(self.inner.send())
    }

    fn map(self, f: impl FnOnce(crate::ListPlans) -> crate::ListPlans) -> Self {
        ListPlans {
            inner: f(self.inner),
            rt: self.rt,
        }
    }
}

impl IntoIterator for ListPlans {
    type Item = Result<Plan>;
    type IntoIter = Iter<Plan>;

    /// See [`crate::ListPlans::into_stream`].
    fn into_iter(self) -> Iter<Plan> {
        self.rt.iter(self.inner.into_stream())
    }
}

/// See [`crate::Steps`].
#[derive(Debug, Clone)]
pub struct Steps {
    inner: crate::Steps,
    rt: Rt,
}

impl Steps {
    /// See [`crate::Steps::approve`].
    pub fn approve(&self, step_id: impl Into<String>) -> Decide {
        Decide {
            inner: self.inner.approve(step_id),
            rt: self.rt.clone(),
        }
    }

    /// See [`crate::Steps::reject`].
    pub fn reject(&self, step_id: impl Into<String>) -> Decide {
        Decide {
            inner: self.inner.reject(step_id),
            rt: self.rt.clone(),
        }
    }
}

/// See [`crate::Decide`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .send()"]
pub struct Decide {
    inner: crate::Decide,
    rt: Rt,
}

impl Decide {
    /// See [`crate::Decide::rationale`].
    pub fn rationale(self, rationale: impl Into<String>) -> Self {
        Decide {
            inner: self.inner.rationale(rationale),
            rt: self.rt,
        }
    }

    /// See [`crate::Decide::send`].
    pub fn send(self) -> Result<Plan> {
        self.rt.block_on(self.inner.send())
    }
}

/// See [`crate::Events`].
#[derive(Debug, Clone)]
pub struct Events {
    inner: crate::Events,
    rt: Rt,
}

impl Events {
    /// See [`crate::Events::plan`].
    pub fn plan(&self, plan_id: impl Into<String>) -> WatchEvents {
        WatchEvents {
            inner: self.inner.plan(plan_id),
            rt: self.rt.clone(),
        }
    }

    /// See [`crate::Events::all`].
    pub fn all(&self) -> WatchEvents {
        WatchEvents {
            inner: self.inner.all(),
            rt: self.rt.clone(),
        }
    }
}

/// See [`crate::WatchEvents`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .stream() is iterated"]
pub struct WatchEvents {
    inner: crate::WatchEvents,
    rt: Rt,
}

impl WatchEvents {
    /// See [`crate::WatchEvents::after`].
    pub fn after(self, event_id: impl Into<String>) -> Self {
        WatchEvents {
            inner: self.inner.after(event_id),
            rt: self.rt,
        }
    }

    /// See [`crate::WatchEvents::tail`].
    pub fn tail(self, n: u32) -> Self {
        WatchEvents {
            inner: self.inner.tail(n),
            rt: self.rt,
        }
    }

    /// See [`crate::WatchEvents::stream`]: the same stream as a blocking iterator.
    pub fn stream(self) -> Iter<Event> {
        self.rt.iter(self.inner.stream())
    }
}

/// See [`crate::Slo`].
#[derive(Debug, Clone)]
pub struct Slo {
    inner: crate::Slo,
    rt: Rt,
}

impl Slo {
    /// See [`crate::Slo::status`].
    pub fn status(&self) -> Result<Vec<SloStatus>> {
        self.rt.block_on(self.inner.status())
    }

    /// See [`crate::Slo::get`].
    pub fn get(&self, name: impl Into<String>) -> GetSlo {
        GetSlo {
            inner: self.inner.get(name),
            rt: self.rt.clone(),
        }
    }

    /// See [`crate::Slo::rules`].
    pub fn rules(&self) -> Result<String> {
        self.rt.block_on(self.inner.rules())
    }

    /// See [`crate::Slo::stream`].
    pub fn stream(&self) -> Iter<Vec<SloStatus>> {
        self.rt.iter(self.inner.stream())
    }
}

/// See [`crate::GetSlo`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .send()"]
pub struct GetSlo {
    inner: crate::GetSlo,
    rt: Rt,
}

impl GetSlo {
    /// See [`crate::GetSlo::range`].
    pub fn range(self, range: impl Into<String>) -> Self {
        GetSlo {
            inner: self.inner.range(range),
            rt: self.rt,
        }
    }

    /// See [`crate::GetSlo::send`].
    pub fn send(&self) -> Result<SloDetail> {
        self.rt.block_on(self.inner.send())
    }
}

/// See [`crate::Tokens`].
#[derive(Debug, Clone)]
pub struct Tokens {
    inner: crate::Tokens,
    rt: Rt,
}

impl Tokens {
    /// See [`crate::Tokens::create`].
    pub fn create(&self, role: Role, label: &str) -> Result<NewToken> {
        self.rt.block_on(self.inner.create(role, label))
    }

    /// See [`crate::Tokens::list`].
    pub fn list(&self) -> Result<Vec<TokenInfo>> {
        self.rt.block_on(self.inner.list())
    }

    /// See [`crate::Tokens::revoke`].
    pub fn revoke(&self, id: &str) -> Result<()> {
        self.rt.block_on(self.inner.revoke(id))
    }
}
