import * as vscode from 'vscode';
import { type Deps, run } from './deps';

/** ossaat.newPlan: a goal from an input box, the current folder as workspace, create_plan. */
export function registerNewPlan(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('ossaat.newPlan', () => run('new plan', async () => {
    const client = deps.connection.require();
    const goal = await vscode.window.showInputBox({
      title: 'ossaat: New plan',
      prompt: 'What should the plan achieve?',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : 'The goal is required'),
    });
    if (!goal?.trim()) {
      return;
    }
    const workspace = currentFolder();
    const plan = await client.createPlan({ goal: goal.trim(), ...(workspace ? { workspace } : {}) });
    deps.plans.tree.upsert(plan);
    await deps.plans.refresh();
    const open = 'Open';
    if (await vscode.window.showInformationMessage(`ossaat: plan ${plan.id} is ${plan.state}.`, open) === open) {
      await vscode.commands.executeCommand('ossaat.openPlan', { kind: 'plan', plan });
    }
  }));
}

/** The folder of the active editor's file, else the first workspace folder; undefined without either. */
function currentFolder(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}
