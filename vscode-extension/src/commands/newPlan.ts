import * as vscode from 'vscode';
import type { Agent, RequiredInput } from '../api/types';
import { type Deps, run } from './deps';
import { uncommittedDiff } from './folderDiff';

/**
 * ossaat.newPlan: a goal, one of the engine's agents (GET /v1/agents), the current folder as workspace, and the
 * inputs that agent's plan must bring: the engine refuses a plan without them (400 naming the input), so they are
 * asked for before create_plan. A patch comes from the folder's uncommitted changes (git diff HEAD).
 */
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
    const agent = await pickAgent(await client.listAgents());
    if (!agent) {
      return;
    }
    const workspace = currentFolder();
    const inputs: Record<string, string> = {};
    for (const needed of agent.requiredInputs ?? []) {
      const value = needed.name === 'patch' ? await patchFrom(workspace, agent, needed) : await askFor(agent, needed);
      if (value === undefined) {
        return;
      }
      inputs[needed.name] = value;
    }
    const plan = await client.createPlan({ goal: goal.trim(), agent: agent.name, ...(workspace ? { workspace } : {}),
      ...(Object.keys(inputs).length ? { inputs } : {}) });
    deps.plans.tree.upsert(plan);
    await deps.plans.refresh();
    const open = 'Open';
    if (await vscode.window.showInformationMessage(`ossaat: plan ${plan.id} is ${plan.state}.`, open) === open) {
      await vscode.commands.executeCommand('ossaat.openPlan', { kind: 'plan', plan });
    }
  }));
}

/** What an agent's plan needs, in words: "needs inputs.patch (apply_changes)" or that it needs nothing more. */
export function needsText(agent: Agent): string {
  const needed = agent.requiredInputs ?? [];
  return needed.length
    ? `needs ${needed.map((n) => `inputs.${n.name}${n.step ? ` (${n.step})` : ''}`).join(', ')}`
    : 'needs only a goal';
}

async function pickAgent(agents: Agent[]): Promise<Agent | undefined> {
  const pick = await vscode.window.showQuickPick(agents.map((agent) => ({
    label: agent.name,
    description: needsText(agent),
    detail: [agent.role, agent.capabilities?.length ? `may: ${agent.capabilities.join(', ')}` : undefined]
      .filter(Boolean).join(' · '),
    agent,
  })), { title: 'ossaat: New plan: which agent?', ignoreFocusOut: true });
  return pick?.agent;
}

function what(agent: Agent, needed: RequiredInput): string {
  return `Agent "${agent.name}" plans ${needed.step ?? 'a step'}${needed.tool ? ` (${needed.tool})` : ''}, which needs`
    + ` inputs.${needed.name}${needed.description ? `: ${needed.description}` : ''}.`;
}

/** The folder's uncommitted diff once the user agreed to send it; undefined (after saying why) otherwise. */
async function patchFrom(folder: string | undefined, agent: Agent, needed: RequiredInput): Promise<string | undefined> {
  const diff = folder ? await uncommittedDiff(folder) : { kind: 'none' as const, reason: 'no folder is open' };
  if (diff.kind === 'none') {
    await vscode.window.showErrorMessage(`ossaat new plan: ${what(agent, needed)} It would come from the folder's`
      + ` uncommitted changes, but ${diff.reason}. Make the change in the folder first, or pick an agent that needs only a goal.`);
    return undefined;
  }
  const use = 'Use these changes';
  const shown = diff.files.length > 5 ? `${diff.files.slice(0, 5).join(', ')} and ${diff.files.length - 5} more` : diff.files.join(', ');
  const answer = await vscode.window.showInformationMessage(`${what(agent, needed)} Send the uncommitted changes of ${folder} as the patch?`,
    { modal: true, detail: `git diff HEAD: ${diff.files.length} file(s): ${shown}. A human approves the patch before it is applied.` }, use);
  return answer === use ? diff.patch : undefined;
}

/** An input the extension has no source for: asked in words. */
async function askFor(agent: Agent, needed: RequiredInput): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({ title: `ossaat: New plan: inputs.${needed.name}`, prompt: what(agent, needed),
    ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : `inputs.${needed.name} is required`) });
  return value?.trim() ? value : undefined;
}

/** The folder of the active editor's file, else the first workspace folder; undefined without either. */
function currentFolder(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}
