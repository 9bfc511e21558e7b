//! A client of the [ossaat](https://github.com/ossaat/ossaat) engine's HTTP API v1: plans of steps, human
//! approvals, the live event log and the engine's service level objectives.
//!
//! ```no_run
//! use futures_util::StreamExt;
//!
//! #[tokio::main]
//! async fn main() -> ossaat::Result<()> {
//!     // OSSAAT_URL (default http://127.0.0.1:7070) and OSSAAT_TOKEN (<data-dir>/token).
//!     let client = ossaat::Client::from_env()?;
//!     let plan = client.plans().create("add a README").agent("careful").send().await?;
//!
//!     let mut events = client.events().plan(&plan.id).stream();
//!     while let Some(event) = events.next().await {
//!         let event = event?;
//!         if event.state == ossaat::StepState::WaitingApproval {
//!             if let Some(step) = &event.step_id {
//!                 client.steps(&plan.id).approve(step).rationale("looks right").send().await?;
//!             }
//!         }
//!     }
//!     Ok(())
//! }
//! ```
//!
//! Every call goes through one [`Client`]: resource handles ([`Client::plans`], [`Client::steps`],
//! [`Client::events`], [`Client::slo`], [`Client::tokens`]) hand out request builders that end in
//! `.send().await`. Failures are one [`Error`]. GETs and plan creations (always under an `Idempotency-Key`) are
//! retried on 429, 502, 503, 504 and connection errors, honouring `Retry-After`; approvals, rejections, cancels
//! and token changes are sent once.
//!
//! Features: `rustls` (default) for HTTPS; `blocking` for [`blocking::Client`], the same surface without async.
//!
//! The async client needs a Tokio runtime.

#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;
mod error;
mod events;
mod models;
mod plans;
mod retry;
mod slo;
mod sse;
mod steps;
mod tokens;

#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;

pub use client::{Client, ClientBuilder, DEFAULT_URL};
pub use error::{Error, FieldError, Problem, Result};
pub use events::{EventStream, Events, WatchEvents};
pub use models::{
    Agent, Alert, Approval, Decision, Event, Health, NewToken, Page, Plan, PlanState, Readiness,
    Role, SloDetail, SloStatus, Step, StepState, TokenInfo, Tool,
};
pub use plans::{CreatePlan, ListPlans, MAX_GOAL_CHARS, Plans};
pub use slo::{GetSlo, Slo};
pub use sse::SseStream;
pub use steps::{Decide, MAX_RATIONALE_CHARS, Steps};
pub use tokens::{MAX_LABEL_CHARS, Tokens};
