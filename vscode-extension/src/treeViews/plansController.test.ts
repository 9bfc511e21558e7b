import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EngineError } from '../api/engineError';
import type { Plan, PlanPage } from '../api/types';
import { PlanTree } from './planTree';
import { type PlanSource, PlansController } from './plansController';

/** A PlanSource whose answers the test hands out one by one. */
class ScriptedSource implements PlanSource {
  list: () => Promise<PlanPage> = async () => ({ items: [] });
  reads: { id: string; answer(plan: Plan): void }[] = [];
  listPlans(): Promise<PlanPage> {
    return this.list();
  }
  getPlan(id: string): Promise<Plan> {
    return new Promise((resolve) => this.reads.push({ id, answer: resolve }));
  }
}

function setup() {
  const source = new ScriptedSource();
  const tree = new PlanTree();
  let changes = 0;
  const controller = new PlansController(tree, () => source, () => changes++);
  return { source, tree, controller, changes: () => changes };
}

const plan = (id: string, state: Plan['state'], updatedAt: string): Plan => ({ id, state, updatedAt, createdAt: '2026-12-01T10:00:00Z', steps: [] });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

test('a failed refresh keeps the plans shown and puts the reason on top', async () => {
  const { source, tree, controller } = setup();
  source.list = async () => ({ items: [plan('a', 'running', 't1')] });
  await controller.refresh();
  source.list = async () => { throw new EngineError('unreachable', 'No ossaat engine answers.', 'Start it.'); };
  await controller.refresh();
  const roots = tree.roots();
  assert.equal(roots.length, 2);
  assert.deepEqual(roots[0], { kind: 'message', severity: 'error', text: 'No ossaat engine answers.', nextStep: 'Start it.', command: 'ossaat.connect' });
  assert.equal(roots[1].kind === 'plan' && roots[1].plan.id, 'a');
});

test('events for a plan read it once at a time, and once more for events that came meanwhile', async () => {
  const { source, tree, controller } = setup();
  const first = controller.onEvent({ id: '1', planId: 'p', state: 'running' });
  void controller.onEvent({ id: '2', planId: 'p', state: 'running' });
  void controller.onEvent({ id: '3', planId: 'p', state: 'completed' });
  assert.equal(source.reads.length, 1, 'no second read while one is running');
  source.reads[0].answer(plan('p', 'running', 't1'));
  await settle();
  assert.equal(source.reads.length, 2, 'one more read for the two events that came meanwhile');
  source.reads[1].answer(plan('p', 'completed', 't2'));
  await first;
  assert.equal(tree.get('p')?.state, 'completed');
  assert.equal(source.reads.length, 2);
});

test('a plan the view did not show yet is added by its first event', async () => {
  const { source, tree, controller } = setup();
  const read = controller.onEvent({ id: '9', planId: 'new', state: 'queued' });
  source.reads[0].answer(plan('new', 'running', 't1'));
  await read;
  assert.equal(tree.get('new')?.state, 'running');
});

test('a paused live stream shows a warning; when it is live again everything is read once', async () => {
  const { source, tree, controller } = setup();
  let lists = 0;
  source.list = async () => { lists++; return { items: [plan('a', 'running', 't1')] }; };
  controller.onLiveState({ kind: 'live' });
  assert.equal(lists, 0, 'the first live state follows a refresh already');
  controller.onLiveState({ kind: 'waiting', retryInMs: 2_000, error: new EngineError('unreachable', 'down', 'Start it.') });
  const notice = tree.roots()[0];
  assert.equal(notice.kind === 'message' && notice.severity, 'warning');
  assert.equal(notice.kind === 'message' && notice.nextStep, 'Start it. Retrying in 2 s.');
  controller.onLiveState({ kind: 'connecting' });
  controller.onLiveState({ kind: 'live' });
  await settle();
  assert.equal(lists, 1);
  assert.equal(tree.roots()[0].kind, 'plan', 'the warning is gone');
});
