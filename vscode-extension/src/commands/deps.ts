import * as vscode from 'vscode';
import { type EngineError, toEngineError } from '../api/engineError';
import type { Plan, Step } from '../api/types';
import type { Connection } from '../connection';
import type { TokenStore } from '../configuration/tokenStore';
import type { SloStatusBar } from '../statusBar/sloStatusBar';
import type { PatchDocuments, PlanDocuments } from '../treeViews/planDocuments';
import type { PlanNode } from '../treeViews/planTree';
import type { PlansController } from '../treeViews/plansController';

/** What the commands work with; built once in activate(). */
export interface Deps {
  connection: Connection;
  tokens: TokenStore;
  plans: PlansController;
  slo: SloStatusBar;
  documents: PlanDocuments;
  patches: PatchDocuments;
}

/** Runs a command body; an error becomes a notification with a button for its next step. The one place that does. */
export async function run(label: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    await notifyError(label, toEngineError(e, 'the engine'));
  }
}

export async function notifyError(label: string, error: EngineError): Promise<void> {
  const action = NEXT_ACTIONS[error.kind];
  const answer = await vscode.window.showErrorMessage(`ossaat ${label}: ${error.describe()}`, ...(action ? [action.title] : []));
  if (action && answer === action.title) {
    await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
  }
}

const NEXT_ACTIONS: Partial<Record<EngineError['kind'], { title: string; command: string; args?: unknown[] }>> = {
  unauthorized: { title: 'Set token', command: 'ossaat.setToken' },
  unreachable: { title: 'Open settings', command: 'workbench.action.openSettings', args: ['ossaat.url'] },
  notFound: { title: 'Open settings', command: 'workbench.action.openSettings', args: ['ossaat.url'] },
  sessionExpired: { title: 'Reconnect', command: 'ossaat.connect' },
};

/** The plan a command was invoked on (inline action), or one the user picks among `candidates`. */
export async function planArg(node: PlanNode | undefined, deps: Deps, candidates: (p: Plan) => boolean): Promise<Plan | undefined> {
  if (node?.kind === 'plan' || node?.kind === 'step') {
    return deps.plans.tree.get(node.plan.id) ?? node.plan;
  }
  const plans = deps.plans.tree.roots().flatMap((n) => (n.kind === 'plan' && candidates(n.plan) ? [n.plan] : []));
  const pick = await vscode.window.showQuickPick(plans.map((plan) => ({ label: plan.goal ?? plan.id, description: `${plan.state} · ${plan.id}`, plan })),
    { title: plans.length ? 'Which plan?' : 'No plan fits' });
  return pick?.plan;
}

/** The waiting step a command was invoked on, or one the user picks among all waiting steps. */
export async function waitingStepArg(node: PlanNode | undefined, deps: Deps): Promise<{ plan: Plan; step: Step } | undefined> {
  if (node?.kind === 'step') {
    return { plan: node.plan, step: node.step };
  }
  const waiting = deps.plans.tree.roots().flatMap((n) => n.kind === 'plan'
    ? (n.plan.steps ?? []).filter((s) => s.state === 'waiting_approval').map((step) => ({ plan: n.plan, step }))
    : []);
  const pick = await vscode.window.showQuickPick(
    waiting.map((w) => ({ label: w.step.id, description: `${w.plan.goal ?? ''} · ${w.plan.id}`, w })),
    { title: waiting.length ? 'Which waiting step?' : 'No step waits for a decision' });
  return pick?.w;
}
