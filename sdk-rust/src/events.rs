//! `client.events()`: the live event log, history first, resumed after a dropped connection.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::models::{Event, EventData};
use crate::sse::{self, SseStream, Subscription};

/// A live stream of [`Event`]s: see [`WatchEvents::stream`].
pub type EventStream = SseStream<Event>;

/// The engine's event streams. Made by [`Client::events`].
#[derive(Debug, Clone)]
pub struct Events {
    client: Client,
}

impl Events {
    pub(crate) fn new(client: Client) -> Self {
        Events { client }
    }

    /// The events of one plan (`GET /v1/plans/{id}/events`): its history, then live.
    pub fn plan(&self, plan_id: impl Into<String>) -> WatchEvents {
        WatchEvents {
            client: self.client.clone(),
            plan_id: Some(plan_id.into()),
            after: None,
            tail: None,
        }
    }

    /// The events of every plan (`GET /v1/events`): the whole history (or the last [`tail`](WatchEvents::tail)),
    /// then live.
    pub fn all(&self) -> WatchEvents {
        WatchEvents {
            client: self.client.clone(),
            plan_id: None,
            after: None,
            tail: None,
        }
    }
}

/// Which events to stream. Made by [`Events::plan`] and [`Events::all`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .stream() is polled"]
pub struct WatchEvents {
    client: Client,
    plan_id: Option<String>,
    after: Option<String>,
    tail: Option<u32>,
}

impl WatchEvents {
    /// Start after this event id (an [`Event::id`] seen before), as `Last-Event-ID`.
    pub fn after(mut self, event_id: impl Into<String>) -> Self {
        self.after = Some(event_id.into());
        self
    }

    /// Of [`Events::all`] without [`after`](Self::after): start with the last `n` events (0: live only).
    pub fn tail(mut self, n: u32) -> Self {
        self.tail = Some(n);
        self
    }

    /// The stream. It connects when first polled; after a drop it reconnects with `Last-Event-ID` set to the
    /// last id it yielded, so no event is lost or repeated, waiting the server's `retry:` (else the client's
    /// [`stream_retry`](crate::ClientBuilder::stream_retry)), doubled per failure in a row. It gives up, yielding
    /// the error, on a 4xx other than 429, on an answer that is not an event stream, or after more failed
    /// reconnects in a row than the client's `max_retries`. A plan's stream stays open after the plan finishes:
    /// stop reading when you see the state you wait for.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// use futures_util::StreamExt;
    /// let mut events = client.events().plan("pl_01m8ryspw5sahxghwp57a8e9e9").stream();
    /// while let Some(event) = events.next().await {
    ///     let event = event?;
    ///     println!("{} {:?} {:?}", event.id, event.step_id, event.state);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn stream(self) -> EventStream {
        let segments: Vec<&str> = match &self.plan_id {
            Some(id) => vec!["v1", "plans", id, "events"],
            None => vec!["v1", "events"],
        };
        let url = match self.client.url(&segments) {
            Ok(url) => url,
            Err(e) => return SseStream::failed(e),
        };
        let first_query = match (&self.plan_id, self.tail) {
            (None, Some(n)) => vec![("tail", n.to_string())],
            (Some(_), Some(_)) => {
                let e = Error::InvalidArgument("tail: only for events().all()".into());
                return SseStream::failed(e);
            }
            (_, None) => Vec::new(),
        };
        let subscription = Subscription {
            url,
            last_id: self.after,
            resume: true,
            first_query,
        };
        sse::subscribe(self.client, subscription, plan_event)
    }
}

fn plan_event(message: eventsource_stream::Event) -> Option<Result<Event>> {
    if message.event != "plan.step" {
        return None;
    }
    Some(sse::data::<EventData>(&message).map(|data| data.into_event(message.id)))
}
