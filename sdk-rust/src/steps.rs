//! `client.steps(plan_id)`: a human's approve or reject of a step that waits.

use reqwest::Method;
use serde::Serialize;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::models::Plan;

/// The longest rationale the engine takes, in characters.
pub const MAX_RATIONALE_CHARS: usize = 2000;

/// The steps of one plan. Made by [`Client::steps`].
#[derive(Debug, Clone)]
pub struct Steps {
    client: Client,
    plan_id: String,
}

impl Steps {
    pub(crate) fn new(client: Client, plan_id: String) -> Self {
        Steps { client, plan_id }
    }

    /// Starts `POST /v1/plans/{id}/steps/{step}/approve`; the step then runs. 409 unless it waits for approval.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// let plan = client
    ///     .steps("pl_01m8ryspw5sahxghwp57a8e9e9")
    ///     .approve("apply_changes")
    ///     .rationale("the diff is what we discussed")
    ///     .send()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn approve(&self, step_id: impl Into<String>) -> Decide {
        self.decide(step_id.into(), "approve")
    }

    /// Starts `POST /v1/plans/{id}/steps/{step}/reject`; the plan then stops. 409 unless the step waits.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// client.steps("pl_01m8ryspw5sahxghwp57a8e9e9").reject("open_pr").rationale("not yet").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn reject(&self, step_id: impl Into<String>) -> Decide {
        self.decide(step_id.into(), "reject")
    }

    fn decide(&self, step_id: String, verb: &'static str) -> Decide {
        Decide {
            client: self.client.clone(),
            plan_id: self.plan_id.clone(),
            step_id,
            verb,
            body: DecisionBody::default(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
struct DecisionBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    rationale: Option<String>,
}

/// An approve or a reject to send. Made by [`Steps::approve`] and [`Steps::reject`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .send().await"]
pub struct Decide {
    client: Client,
    plan_id: String,
    step_id: String,
    verb: &'static str,
    body: DecisionBody,
}

impl Decide {
    /// Why; recorded with who and when.
    pub fn rationale(mut self, rationale: impl Into<String>) -> Self {
        self.body.rationale = Some(rationale.into());
        self
    }

    /// Sends once: a decision is not repeated after it may have reached the engine. Returns the plan.
    pub async fn send(self) -> Result<Plan> {
        if let Some(rationale) = &self.body.rationale
            && rationale.chars().count() > MAX_RATIONALE_CHARS
        {
            return Err(Error::InvalidArgument(format!(
                "rationale: at most {MAX_RATIONALE_CHARS} characters"
            )));
        }
        let url = self.client.url(&[
            "v1",
            "plans",
            &self.plan_id,
            "steps",
            &self.step_id,
            self.verb,
        ])?;
        let what = format!("POST {}", url.path());
        let response = self
            .client
            .execute(self.client.request(Method::POST, url).json(&self.body))
            .await?;
        self.client.json(&what, response).await
    }
}
