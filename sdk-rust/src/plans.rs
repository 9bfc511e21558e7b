//! `client.plans()`: create, get, list (and every page as a stream), cancel.

use std::collections::BTreeMap;

use futures_util::{Stream, TryStreamExt, stream};
use reqwest::Method;
use serde::Serialize;
use serde_json::Value;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::models::{Page, Plan, PlanState};
use crate::retry;

/// The longest goal the engine takes, in characters.
pub const MAX_GOAL_CHARS: usize = 2048;

/// The plans of an engine. Made by [`Client::plans`].
#[derive(Debug, Clone)]
pub struct Plans {
    client: Client,
}

impl Plans {
    pub(crate) fn new(client: Client) -> Self {
        Plans { client }
    }

    /// Starts a `POST /v1/plans`; finish with `.send().await`.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// use serde_json::json;
    /// let plan = client
    ///     .plans()
    ///     .create("add a README")
    ///     .agent("careful")
    ///     .inputs(json!({"testCommand": "true"}))
    ///     .label("team", "docs")
    ///     .idempotency_key("readme-1")
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn create(&self, goal: impl Into<String>) -> CreatePlan {
        CreatePlan {
            client: self.client.clone(),
            body: NewPlan {
                goal: goal.into(),
                ..NewPlan::default()
            },
            idempotency_key: None,
        }
    }

    /// `GET /v1/plans/{id}`: one plan with its steps.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// let plan = client.plans().get("pl_01m8ryspw5sahxghwp57a8e9e9").await?;
    /// for step in &plan.steps {
    ///     println!("{} {:?}", step.id, step.state);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, id: &str) -> Result<Plan> {
        self.client.get_json(&["v1", "plans", id], &[]).await
    }

    /// Starts a `GET /v1/plans` (newest first); finish with `.send().await` for one page or `.into_stream()`
    /// for every plan.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// use ossaat::PlanState;
    /// let page = client.plans().list().state(PlanState::WaitingApproval).limit(20).send().await?;
    /// println!("{} waiting, more: {}", page.items.len(), page.next_cursor.is_some());
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListPlans {
        ListPlans {
            client: self.client.clone(),
            state: None,
            limit: None,
            cursor: None,
        }
    }

    /// `POST /v1/plans/{id}/cancel`: cancels what has not finished; 409 when the plan has finished. Not retried.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// let plan = client.plans().cancel("pl_01m8ryspw5sahxghwp57a8e9e9").await?;
    /// assert_eq!(plan.state, ossaat::PlanState::Cancelled);
    /// # Ok(()) }
    /// ```
    pub async fn cancel(&self, id: &str) -> Result<Plan> {
        let url = self.client.url(&["v1", "plans", id, "cancel"])?;
        let what = format!("POST {}", url.path());
        let response = self
            .client
            .execute(self.client.request(Method::POST, url))
            .await?;
        self.client.json(&what, response).await
    }
}

#[derive(Debug, Clone, Default, Serialize)]
struct NewPlan {
    goal: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    agent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    workspace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inputs: Option<Value>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    labels: BTreeMap<String, String>,
}

/// A plan to create. Made by [`Plans::create`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .send().await"]
pub struct CreatePlan {
    client: Client,
    body: NewPlan,
    idempotency_key: Option<String>,
}

impl CreatePlan {
    /// The agent profile that plans it (default `default`; `careful` makes every step wait for a human).
    pub fn agent(mut self, agent: impl Into<String>) -> Self {
        self.body.agent = Some(agent.into());
        self
    }

    /// An existing absolute folder on the engine's machine for the tools to work in.
    pub fn workspace(mut self, workspace: impl Into<String>) -> Self {
        self.body.workspace = Some(workspace.into());
        self
    }

    /// Tool parameters handed to every step (`patch`, `testCommand`, `branch`, ...); must be a JSON object.
    pub fn inputs(mut self, inputs: Value) -> Self {
        self.body.inputs = Some(inputs);
        self
    }

    /// Labels, replacing any given before.
    pub fn labels<K: Into<String>, V: Into<String>>(
        mut self,
        labels: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.body.labels = labels
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        self
    }

    /// One more label.
    pub fn label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.body.labels.insert(key.into(), value.into());
        self
    }

    /// The `Idempotency-Key`: the same key returns the same plan. Without one a random key is made, so this
    /// client's own retries never create two plans.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Checks the arguments, then sends; retried on 429/502/503/504 and connection errors under its key.
    pub async fn send(self) -> Result<Plan> {
        self.validate()?;
        let key = self.idempotency_key.unwrap_or_else(retry::idempotency_key);
        let url = self.client.url(&["v1", "plans"])?;
        let body = self
            .client
            .fetch_retrying(|| {
                self.client
                    .request(Method::POST, url.clone())
                    .header("Idempotency-Key", &key)
                    .json(&self.body)
            })
            .await?;
        crate::client::decode("POST /v1/plans", &body)
    }

    fn validate(&self) -> Result<()> {
        let goal = &self.body.goal;
        if goal.trim().is_empty() {
            return Err(Error::InvalidArgument("goal: is required".into()));
        }
        if goal.chars().count() > MAX_GOAL_CHARS {
            return Err(Error::InvalidArgument(format!(
                "goal: at most {MAX_GOAL_CHARS} characters"
            )));
        }
        if matches!(&self.body.inputs, Some(v) if !v.is_object()) {
            return Err(Error::InvalidArgument(
                "inputs: must be a JSON object".into(),
            ));
        }
        if let Some(key) = &self.idempotency_key
            && (key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()))
        {
            return Err(Error::InvalidArgument(
                "idempotency_key: 1 to 255 visible ASCII characters".into(),
            ));
        }
        Ok(())
    }
}

/// A query of plans. Made by [`Plans::list`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .send().await or .into_stream()"]
pub struct ListPlans {
    client: Client,
    state: Option<PlanState>,
    limit: Option<u32>,
    cursor: Option<String>,
}

impl ListPlans {
    /// Only plans in this state.
    pub fn state(mut self, state: PlanState) -> Self {
        self.state = Some(state);
        self
    }

    /// Plans per page, 1 to 200 (default 50).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Start after this cursor (a page's `next_cursor`).
    pub fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }

    /// One page.
    pub async fn send(&self) -> Result<Page<Plan>> {
        if let Some(limit) = self.limit
            && !(1..=200).contains(&limit)
        {
            return Err(Error::InvalidArgument(format!(
                "limit: must be between 1 and 200, was {limit}"
            )));
        }
        if self.state == Some(PlanState::Unknown) {
            return Err(Error::InvalidArgument(
                "state: Unknown is not a filter".into(),
            ));
        }
        let mut query = Vec::new();
        if let Some(state) = self.state {
            query.push(("state", state.as_str().to_owned()));
        }
        if let Some(limit) = self.limit {
            query.push(("limit", limit.to_string()));
        }
        if let Some(cursor) = &self.cursor {
            query.push(("cursor", cursor.clone()));
        }
        self.client.get_json(&["v1", "plans"], &query).await
    }

    /// Every plan of every page from here on, fetching a page only when the previous one is used up.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// use futures_util::TryStreamExt;
    /// let plans: Vec<ossaat::Plan> = client.plans().list().limit(100).into_stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn into_stream(self) -> impl Stream<Item = Result<Plan>> + Send + 'static {
        stream::try_unfold(Some(self), |next| async move {
            let Some(query) = next else {
                return Ok(None);
            };
            let page = query.send().await?;
            let following = page.next_cursor.map(|cursor| query.cursor(cursor));
            Ok(Some((
                stream::iter(page.items.into_iter().map(Ok)),
                following,
            )))
        })
        .try_flatten()
    }
}
