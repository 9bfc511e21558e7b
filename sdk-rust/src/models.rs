//! The values the API sends and receives. Timestamps are RFC 3339 UTC strings, as the engine writes them.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A goal turned into steps. Returned by create, get, list, cancel, approve and reject.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Plan {
    /// The plan's id, e.g. `pl_01m8ryspw5sahxghwp57a8e9e9`.
    pub id: String,
    /// What the plan is for.
    pub goal: String,
    /// The agent profile that planned it and decides what needs a human.
    pub agent: String,
    /// The folder on the engine's machine the tools work in.
    #[serde(default)]
    pub workspace: Option<String>,
    /// Tool parameters handed to every step.
    #[serde(default)]
    pub inputs: Value,
    /// Free labels given at creation.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Where the plan is.
    pub state: PlanState,
    /// Why the plan stopped, when it did.
    #[serde(default)]
    pub reason: Option<String>,
    /// When it was created.
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
    /// Its steps, in order.
    #[serde(default)]
    pub steps: Vec<Step>,
}

impl Plan {
    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The steps waiting for a human's approval.
    pub fn waiting_steps(&self) -> impl Iterator<Item = &Step> {
        self.steps
            .iter()
            .filter(|s| s.state == StepState::WaitingApproval)
    }
}

/// One step of a plan: a tool run under a capability.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Step {
    /// The step's id within its plan, e.g. `apply_changes`.
    pub id: String,
    /// What the step does.
    pub action: String,
    /// The tool it runs.
    pub tool: String,
    /// The capability it needs, e.g. `repo.write`.
    pub capability: String,
    /// The capability in words.
    pub capability_label: String,
    /// Whether a human must approve it before it runs.
    pub approval_required: bool,
    /// How long the tool may run.
    pub timeout_seconds: u64,
    /// Steps that must complete first.
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Where the step is.
    pub state: StepState,
    /// How many times it has been tried.
    pub attempt: u32,
    /// What the step was given.
    #[serde(default)]
    pub input: Value,
    /// What the tool returned.
    #[serde(default)]
    pub output: Option<Value>,
    /// The outcome in one line.
    #[serde(default)]
    pub summary: Option<String>,
    /// What a human approves (on steps that wait or were decided) and the last decision.
    #[serde(default)]
    pub approval: Option<Approval>,
    /// When the tool started.
    #[serde(default)]
    pub started_at: Option<String>,
    /// When the step finished.
    #[serde(default)]
    pub finished_at: Option<String>,
}

/// What a human approves on a step, fixed when the plan was made, and the decision once there is one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Approval {
    /// The exact command (from `inputs.testCommand`) the step runs.
    #[serde(default)]
    pub command: Option<String>,
    /// SHA-256 (hex) of the patch the step applies.
    #[serde(default)]
    pub patch_sha256: Option<String>,
    /// Approved or rejected, once decided.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// The deciding token's label.
    #[serde(default)]
    pub decided_by: Option<String>,
    /// The deciding token's role.
    #[serde(default)]
    pub decided_by_role: Option<Role>,
    /// Why, as the human wrote it.
    #[serde(default)]
    pub rationale: Option<String>,
    /// When it was decided.
    #[serde(default)]
    pub decided_at: Option<String>,
}

/// A human's decision on a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Decision {
    /// The step may run.
    Approved,
    /// The step may not; the plan stopped.
    Rejected,
    /// A decision this version of the crate does not know.
    #[serde(other)]
    Unknown,
}

/// The state of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PlanState {
    /// Steps are running or queued.
    Running,
    /// A step waits for a human.
    WaitingApproval,
    /// Every step completed.
    Completed,
    /// A step failed or was dead-lettered.
    Failed,
    /// A human rejected a step.
    Rejected,
    /// Cancelled before it finished.
    Cancelled,
    /// A state this version of the crate does not know.
    #[serde(other)]
    Unknown,
}

/// The state of a step (and, in [`Event`]s about a whole plan, the plan's state, spelled the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepState {
    /// Waits for the steps it depends on.
    Pending,
    /// Waits for a human.
    WaitingApproval,
    /// Ready to be claimed by a runner.
    Queued,
    /// A tool is running it.
    Running,
    /// Failed and waiting for its next attempt.
    Retrying,
    /// Done.
    Completed,
    /// Failed for good.
    Failed,
    /// A human said no.
    Rejected,
    /// Failed every attempt.
    DeadLettered,
    /// Cancelled with its plan.
    Cancelled,
    /// A state this version of the crate does not know.
    #[serde(other)]
    Unknown,
}

impl PlanState {
    /// The name on the wire, e.g. `waiting_approval`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanState::Running => "running",
            PlanState::WaitingApproval => "waiting_approval",
            PlanState::Completed => "completed",
            PlanState::Failed => "failed",
            PlanState::Rejected => "rejected",
            PlanState::Cancelled => "cancelled",
            PlanState::Unknown => "unknown",
        }
    }

    /// Whether the plan has finished and will not change again.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            PlanState::Completed | PlanState::Failed | PlanState::Rejected | PlanState::Cancelled
        )
    }
}

impl fmt::Display for PlanState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One page of a list, and the cursor of the next one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Page<T> {
    /// This page's items.
    pub items: Vec<T>,
    /// Pass to `.cursor(..)` for the next page; `None` on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// A transition, as the engine streams it (`event: plan.step`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Event {
    /// The SSE `id:` exactly as sent: an opaque string to resume from with `.after(id)`.
    pub id: String,
    /// The plan it belongs to.
    pub plan_id: String,
    /// The step, or `None` for an event about the whole plan.
    pub step_id: Option<String>,
    /// The new state of the step (or of the plan).
    pub state: StepState,
    /// The step's attempt.
    pub attempt: u32,
    /// The outcome or the reason in one line.
    pub summary: Option<String>,
    /// When it happened.
    pub occurred_at: String,
}

impl Event {
    /// Whether this event says the whole plan finished (completed, failed, rejected or cancelled): no step of it
    /// changes after this, though its stream stays open.
    pub fn finishes_plan(&self) -> bool {
        self.step_id.is_none()
            && matches!(
                self.state,
                StepState::Completed
                    | StepState::Failed
                    | StepState::Rejected
                    | StepState::Cancelled
            )
    }
}

/// The JSON in an event's `data:` line.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EventData {
    pub plan_id: String,
    #[serde(default)]
    pub step_id: Option<String>,
    pub state: StepState,
    #[serde(default)]
    pub attempt: u32,
    #[serde(default)]
    pub summary: Option<String>,
    pub occurred_at: String,
}

impl EventData {
    pub(crate) fn into_event(self, id: String) -> Event {
        Event {
            id,
            plan_id: self.plan_id,
            step_id: self.step_id,
            state: self.state,
            attempt: self.attempt,
            summary: self.summary,
            occurred_at: self.occurred_at,
        }
    }
}

/// One service level objective and how the engine is doing against it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SloStatus {
    /// E.g. `plan-create-latency`.
    pub name: String,
    /// The service measured.
    #[serde(default)]
    pub service: String,
    /// The objective in words.
    #[serde(default)]
    pub description: String,
    /// `ratio` or `latency`.
    #[serde(default)]
    pub indicator: String,
    /// The latency threshold of a latency SLO.
    #[serde(default)]
    pub threshold_millis: Option<f64>,
    /// E.g. `30d rolling`.
    #[serde(default)]
    pub window: String,
    /// The target share of good events, e.g. 0.999.
    pub objective: f64,
    /// The measured share of good events.
    pub sli: f64,
    /// The error budget left, 1.0 = untouched, below 0 = overspent.
    pub budget_remaining: f64,
    /// Seconds until the budget is spent at the current burn rate.
    #[serde(default)]
    pub time_to_exhaustion_seconds: Option<f64>,
    /// Burn rate by window (`5m`, `1h`, ... `3d`).
    #[serde(default)]
    pub burn_rates: BTreeMap<String, f64>,
    /// The alert the burn rates raise.
    pub alert: Alert,
    /// Whether the budget is spent.
    #[serde(default)]
    pub budget_exhausted: bool,
    /// Whether there were enough events to judge.
    #[serde(default)]
    pub enough_data: bool,
    /// Events counted in the window.
    #[serde(default)]
    pub total_events: u64,
    /// Good events in the window.
    #[serde(default)]
    pub good_events: u64,
    /// When the engine computed this.
    #[serde(default)]
    pub evaluated_at: String,
}

/// The alert an SLO's burn rates raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum Alert {
    /// All is well.
    None,
    /// Slow burn: look at it this week.
    Ticket,
    /// Fast burn: look at it now.
    Page,
    /// An alert this version of the crate does not know.
    #[serde(other)]
    Unknown,
}

/// One SLO with its time series, from `GET /v1/slo/{name}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SloDetail {
    /// The current status.
    pub status: SloStatus,
    /// The series, oldest first; each point holds `time`, `total`, `good`, `sli`, `burnRate`,
    /// `budgetRemaining` and the latency percentiles.
    #[serde(default)]
    pub points: Vec<Value>,
}

/// `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Health {
    /// `ok`.
    pub status: String,
}

/// `GET /readyz`: whether the engine can serve, and its parts' states.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Readiness {
    /// `ready` or `not_ready`.
    pub status: String,
    /// Component name (`postgres`, `redis`, `runner`) to `up` or `down`.
    #[serde(default)]
    pub components: BTreeMap<String, String>,
}

impl Readiness {
    /// Whether every component is up.
    pub fn is_ready(&self) -> bool {
        self.status == "ready"
    }
}

/// An agent profile.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Agent {
    /// E.g. `careful`.
    pub name: String,
    /// What the agent is for.
    #[serde(default)]
    pub role: String,
    /// The capabilities its steps may use.
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// Capability (or `default`) to `human` or `auto`.
    #[serde(default)]
    pub approval_policy: BTreeMap<String, String>,
    /// Rules it works under.
    #[serde(default)]
    pub constraints: Vec<String>,
    /// Where the profile was read from.
    #[serde(default)]
    pub source: String,
}

/// A registered tool.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Tool {
    /// E.g. `code_writer`.
    pub name: String,
    /// The capabilities it declares.
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// What it does.
    #[serde(default)]
    pub description: String,
}

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// Everything, including the token routes (the data dir's token alone).
    Owner,
    /// Read, approve and reject, cancel.
    Approver,
    /// Read, create plans, cancel; never approve or reject (what an LLM's client should get).
    Agent,
    /// Read only.
    Viewer,
    /// A role this version of the crate does not know.
    #[serde(other)]
    Unknown,
}

/// A token as the owner lists it; the secret is never shown again.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TokenInfo {
    /// The token's id (not the secret).
    pub id: String,
    /// What it may do.
    pub role: Role,
    /// The label given at creation.
    #[serde(default)]
    pub label: String,
    /// When it was created.
    pub created_at: String,
    /// When it was last used.
    #[serde(default)]
    pub last_used_at: Option<String>,
    /// When it was revoked.
    #[serde(default)]
    pub revoked_at: Option<String>,
}

/// A token just created: the only time the secret is shown.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NewToken {
    /// The token's id, for revoking it.
    pub id: String,
    /// What it may do.
    pub role: Role,
    /// The label given.
    #[serde(default)]
    pub label: String,
    /// When it was created.
    pub created_at: String,
    /// The secret to send as `Authorization: Bearer <token>`.
    pub token: String,
}

/// Keeps the secret out of logs.
impl fmt::Debug for NewToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewToken")
            .field("id", &self.id)
            .field("role", &self.role)
            .field("label", &self.label)
            .field("created_at", &self.created_at)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// The `{items: [...]}` envelope of the list routes that do not page.
#[derive(Deserialize)]
pub(crate) struct Items<T> {
    pub items: Vec<T>,
}
