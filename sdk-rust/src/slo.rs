//! `client.slo()`: the engine's service level objectives.

use crate::client::Client;
use crate::error::Result;
use crate::models::{Items, SloDetail, SloStatus};
use crate::sse::{self, SseStream, Subscription};

/// The engine's SLOs. Made by [`Client::slo`].
#[derive(Debug, Clone)]
pub struct Slo {
    client: Client,
}

impl Slo {
    pub(crate) fn new(client: Client) -> Self {
        Slo { client }
    }

    /// `GET /v1/slo`: every SLO's status.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// for slo in client.slo().status().await? {
    ///     println!("{}: sli {:.4}, budget left {:.0} %", slo.name, slo.sli, slo.budget_remaining * 100.0);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn status(&self) -> Result<Vec<SloStatus>> {
        let items: Items<SloStatus> = self.client.get_json(&["v1", "slo"], &[]).await?;
        Ok(items.items)
    }

    /// Starts `GET /v1/slo/{name}`: one SLO with its time series; finish with `.send().await`.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// let detail = client.slo().get("plan-create-latency").range("6h").send().await?;
    /// println!("{} points", detail.points.len());
    /// # Ok(()) }
    /// ```
    pub fn get(&self, name: impl Into<String>) -> GetSlo {
        GetSlo {
            client: self.client.clone(),
            name: name.into(),
            range: None,
        }
    }

    /// `GET /v1/slo/rules`: the equivalent Prometheus recording and alerting rules (YAML).
    pub async fn rules(&self) -> Result<String> {
        self.client.get_text(&["v1", "slo", "rules"]).await
    }

    /// `GET /v1/slo/stream`: a snapshot of every SLO each second, reconnecting after a drop.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// use futures_util::StreamExt;
    /// let mut snapshots = client.slo().stream();
    /// if let Some(snapshot) = snapshots.next().await {
    ///     println!("{} SLOs", snapshot?.len());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn stream(&self) -> SseStream<Vec<SloStatus>> {
        let url = match self.client.url(&["v1", "slo", "stream"]) {
            Ok(url) => url,
            Err(e) => return SseStream::failed(e),
        };
        // Snapshots are not resumed: after a drop the next one is all that matters.
        let subscription = Subscription {
            url,
            last_id: None,
            resume: false,
            first_query: Vec::new(),
        };
        sse::subscribe(self.client.clone(), subscription, snapshot)
    }
}

fn snapshot(message: eventsource_stream::Event) -> Option<Result<Vec<SloStatus>>> {
    (message.event == "slo").then(|| sse::data(&message))
}

/// One SLO to fetch. Made by [`Slo::get`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .send().await"]
pub struct GetSlo {
    client: Client,
    name: String,
    range: Option<String>,
}

impl GetSlo {
    /// How far back the series goes: `5m` to `37d` (default `1h`).
    pub fn range(mut self, range: impl Into<String>) -> Self {
        self.range = Some(range.into());
        self
    }

    /// Sends (retried like every GET).
    pub async fn send(&self) -> Result<SloDetail> {
        let query: Vec<(&str, String)> = self.range.iter().map(|r| ("range", r.clone())).collect();
        self.client
            .get_json(&["v1", "slo", &self.name], &query)
            .await
    }
}
