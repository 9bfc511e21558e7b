import * as vscode from 'vscode';
import { FINAL_PLAN_STATES } from '../api/types';
import type { PlanNode } from '../treeViews/planTree';
import { type Deps, planArg, run } from './deps';

/** ossaat.cancelPlan: cancels what has not finished, after a confirmation. */
export function registerCancelPlan(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('ossaat.cancelPlan', (node?: PlanNode) => run('cancel plan', async () => {
    const client = deps.connection.require();
    const plan = await planArg(node, deps, (p) => !FINAL_PLAN_STATES.has(p.state));
    if (!plan) {
      return;
    }
    const cancel = 'Cancel plan';
    const answer = await vscode.window.showWarningMessage(`Cancel "${plan.goal ?? plan.id}"?`,
      { modal: true, detail: 'Every step that has not finished is cancelled and a running tool is interrupted. This cannot be undone.' }, cancel);
    if (answer === cancel) {
      deps.plans.tree.upsert(await client.cancelPlan(plan.id));
      await deps.plans.refresh();
    }
  }));
}
