import * as vscode from 'vscode';
import type { PlanNode } from '../treeViews/planTree';
import { type Deps, planArg, run } from './deps';

/** ossaat.openPlan: the plan with its steps, inputs and outputs as a read-only JSON document. */
export function registerOpenPlan(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('ossaat.openPlan', (node?: PlanNode) => run('open plan', async () => {
    deps.connection.require();
    const plan = await planArg(node, deps, () => true);
    if (plan) {
      const doc = await deps.documents.open(plan.id);
      await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'json'), { preview: true });
    }
  }));
}
