/** The engine's JSON as the MCP tools return it (the shapes of GET /v1/plans/{id} and GET /v1/slo). */

export const PLAN_STATES = ['running', 'waiting_approval', 'completed', 'failed', 'rejected', 'cancelled'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export const STEP_STATES = ['pending', 'waiting_approval', 'queued', 'running', 'retrying', 'completed', 'failed',
  'rejected', 'dead_lettered', 'cancelled'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** Plan states after which nothing changes any more. */
export const FINAL_PLAN_STATES: ReadonlySet<string> = new Set(['completed', 'failed', 'rejected', 'cancelled']);

export interface Step {
  id: string;
  action?: string;
  tool?: string;
  capability?: string;
  capabilityLabel?: string;
  approvalRequired?: boolean;
  state: StepState;
  attempt?: number;
  input?: Record<string, unknown> | null;
  output?: unknown;
  summary?: string | null;
  /** On steps that wait for a human or were decided: what is approved, and the last decision. */
  approval?: StepApproval | null;
}

export interface StepApproval {
  /** The exact command from inputs.testCommand the step runs. */
  command?: string;
  /** SHA-256 (hex) of inputs.patch, which the step applies. */
  patchSha256?: string;
  decision?: 'approved' | 'rejected';
  decidedBy?: string;
  decidedByRole?: string;
  rationale?: string;
  decidedAt?: string;
}

export interface Plan {
  id: string;
  goal?: string | null;
  agent?: string | null;
  workspace?: string | null;
  inputs?: Record<string, unknown> | null;
  state: PlanState;
  createdAt?: string | null;
  updatedAt?: string | null;
  steps?: Step[];
}

export interface PlanPage {
  items: Plan[];
  nextCursor?: string | null;
}

export type AlertState = 'NONE' | 'TICKET' | 'PAGE';

export interface SloStatus {
  name: string;
  description?: string;
  objective: number;
  sli: number;
  budgetRemaining: number;
  burnRates: Record<string, number>;
  alert: AlertState;
  budgetExhausted: boolean;
  enoughData: boolean;
}

/** One `plan.step` event of the engine's SSE stream. The id is opaque: resume with it, never compute with it. */
export interface PlanEvent {
  id: string;
  planId: string;
  stepId?: string;
  state: string;
}

/** One input a plan of an agent must bring (GET /v1/agents' requiredInputs): the engine refuses the plan without it. */
export interface RequiredInput {
  /** The key in the plan's inputs, e.g. patch. */
  name: string;
  /** The step that needs it, e.g. apply_changes, and that step's tool. */
  step?: string;
  tool?: string;
  /** What it holds. */
  description?: string;
}

/** An agent profile as GET /v1/agents lists it. */
export interface Agent {
  name: string;
  role?: string;
  capabilities?: string[];
  requiredInputs?: RequiredInput[];
}

export interface NewPlan {
  goal: string;
  workspace?: string;
  agent?: string;
  inputs?: Record<string, unknown>;
}
