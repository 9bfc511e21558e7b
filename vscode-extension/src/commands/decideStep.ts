import * as vscode from 'vscode';
import type { PlanNode } from '../treeViews/planTree';
import { type Deps, run, waitingStepArg } from './deps';
import { stepPreview } from './stepPreview';

/** ossaat.approveStep and ossaat.rejectStep: show what the step will do, ask for a rationale, decide. */
export function registerDecideStep(deps: Deps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('ossaat.approveStep', (node?: PlanNode) => decide(deps, 'approve', node)),
    vscode.commands.registerCommand('ossaat.rejectStep', (node?: PlanNode) => decide(deps, 'reject', node)),
  );
}

function decide(deps: Deps, decision: 'approve' | 'reject', node?: PlanNode): Promise<void> {
  return run(`${decision} step`, async () => {
    const client = deps.connection.require();
    const target = await waitingStepArg(node, deps);
    if (!target) {
      return;
    }
    // the tree may be a moment behind: decide on what the engine holds now
    const plan = await client.getPlan(target.plan.id);
    const step = plan.steps?.find((s) => s.id === target.step.id);
    if (!step || step.state !== 'waiting_approval') {
      deps.plans.tree.upsert(plan);
      void vscode.window.showWarningMessage(`ossaat: step ${target.step.id} no longer waits for a decision (${step?.state ?? 'gone'}).`);
      return;
    }
    const preview = stepPreview(plan, step);
    if (preview.patch) {
      const doc = await deps.patches.show(plan.id, step.id, preview.patch);
      await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'diff'), { preview: true });
    }
    const verb = decision === 'approve' ? 'Approve' : 'Reject';
    const confirmed = await vscode.window.showWarningMessage(preview.title, { modal: true, detail: preview.detail }, verb);
    if (confirmed !== verb) {
      return;
    }
    const rationale = await vscode.window.showInputBox({
      title: `${verb} ${step.id}: rationale`,
      prompt: 'Why? Kept in the approval audit log (Enter with nothing to skip; Escape cancels).',
      ignoreFocusOut: true,
    });
    if (rationale === undefined) {
      return;
    }
    const after = decision === 'approve'
      ? await client.approveStep(plan.id, step.id, rationale)
      : await client.rejectStep(plan.id, step.id, rationale);
    if (deps.plans.tree.upsert(after)) {
      await deps.plans.refresh();
    }
    void vscode.window.showInformationMessage(`ossaat: ${decision === 'approve' ? 'approved' : 'rejected'} ${step.id}; the plan is ${after.state}.`);
  });
}
