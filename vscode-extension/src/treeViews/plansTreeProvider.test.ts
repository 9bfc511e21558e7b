import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { PlanTree } from './planTree';
import { PlansTreeProvider } from './plansTreeProvider';

test('tree items carry the state icon, the inline-action context and a click command', () => {
  const tree = new PlanTree();
  tree.upsert({ id: 'pl_1', goal: 'add NEW.md', state: 'waiting_approval', createdAt: 't', updatedAt: 't',
    steps: [{ id: 'apply_changes', tool: 'code_writer', capability: 'repo.write', state: 'waiting_approval' }] });
  tree.setNotice({ kind: 'message', severity: 'error', text: 'The engine refused the token (401).', nextStep: 'Set it.', command: 'ossaat.setToken' });
  const provider = new PlansTreeProvider(tree);
  const [message, planNode] = provider.getChildren();
  const messageItem = provider.getTreeItem(message);
  assert.equal((messageItem.iconPath as vscode.ThemeIcon).id, 'error');
  assert.equal(messageItem.command?.command, 'ossaat.setToken');

  const planItem = provider.getTreeItem(planNode);
  assert.equal(planItem.label, 'add NEW.md');
  assert.equal(planItem.id, 'pl_1');
  assert.equal(planItem.command?.command, 'ossaat.openPlan');
  const [stepNode] = provider.getChildren(planNode);
  const stepItem = provider.getTreeItem(stepNode);
  assert.equal(stepItem.contextValue, 'step.waiting');
  assert.equal(stepItem.id, 'pl_1/apply_changes');
  assert.equal((stepItem.iconPath as vscode.ThemeIcon).id, 'bell-dot');
});

test('changed() tells the view to redraw', () => {
  const provider = new PlansTreeProvider(new PlanTree());
  let fired = 0;
  provider.onDidChangeTreeData(() => fired++);
  provider.changed();
  assert.equal(fired, 1);
  provider.dispose();
});
