import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Plan } from '../api/types';
import { PlanTree, present, stateIcon } from './planTree';

function plan(id: string, createdAt: string, over: Partial<Plan> = {}): Plan {
  return { id, goal: `goal ${id}`, state: 'running', createdAt, updatedAt: createdAt, steps: [], ...over };
}

test('plans are listed newest first, with a notice above them', () => {
  const tree = new PlanTree();
  tree.replaceAll([plan('a', '2026-12-01T10:00:00Z'), plan('c', '2026-12-01T12:00:00Z'), plan('b', '2026-12-01T11:00:00Z')]);
  assert.deepEqual(tree.roots().map((n) => (n.kind === 'plan' ? n.plan.id : n.kind)), ['c', 'b', 'a']);
  tree.setNotice({ kind: 'message', severity: 'error', text: 'engine down' });
  assert.deepEqual(tree.roots().map((n) => (n.kind === 'plan' ? n.plan.id : n.kind)), ['message', 'c', 'b', 'a']);
});

test('an older read of a plan does not replace a newer one', () => {
  const tree = new PlanTree();
  assert.equal(tree.upsert(plan('a', 't0', { updatedAt: '2026-12-01T10:00:05Z', state: 'completed' })), true);
  assert.equal(tree.upsert(plan('a', 't0', { updatedAt: '2026-12-01T10:00:01Z', state: 'running' })), false);
  assert.equal(tree.get('a')?.state, 'completed');
});

test('a plan\'s children are its steps, read from the newest copy held', () => {
  const tree = new PlanTree();
  const old = plan('a', 't0', { steps: [{ id: 's1', state: 'queued' }] });
  tree.upsert(old);
  tree.upsert(plan('a', 't0', { updatedAt: 't1', steps: [{ id: 's1', state: 'completed' }] }));
  const children = tree.children({ kind: 'plan', plan: old });
  assert.deepEqual(children.map((c) => (c.kind === 'step' ? c.step.state : '')), ['completed']);
});

test('a waiting step offers approve/reject; an active plan offers cancel; a finished one does not', () => {
  const waiting = plan('a', 't0', { state: 'waiting_approval', steps: [
    { id: 'apply_changes', tool: 'code_writer', capability: 'repo.write', state: 'waiting_approval' }] });
  const step = present({ kind: 'step', plan: waiting, step: waiting.steps![0] });
  assert.equal(step.contextValue, 'step.waiting');
  assert.equal(step.description, 'waiting_approval · code_writer (repo.write)');
  const planLook = present({ kind: 'plan', plan: waiting });
  assert.equal(planLook.contextValue, 'plan.active');
  assert.equal(planLook.description, 'waiting_approval · apply_changes');
  assert.equal(present({ kind: 'plan', plan: plan('b', 't0', { state: 'completed' }) }).contextValue, 'plan.finished');
});

test('every state has its icon, and a state a newer engine invents still gets one', () => {
  assert.equal(stateIcon('waiting_approval').icon, 'bell-dot');
  assert.equal(stateIcon('failed').color, 'testing.iconFailed');
  assert.equal(stateIcon('paused_by_a_future_engine').icon, 'circle-large-outline');
});
