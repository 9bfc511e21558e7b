import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePlanEvent } from './eventStream';

test('a plan.step message becomes a PlanEvent with its opaque id', () => {
  assert.deepEqual(parsePlanEvent('7', 'plan.step', '{"seq":7,"planId":"pl_1","stepId":"index_repo","state":"completed"}'),
    { id: '7', planId: 'pl_1', stepId: 'index_repo', state: 'completed' });
  assert.deepEqual(parsePlanEvent('x-9', 'plan.step', '{"planId":"pl_1","state":"waiting_approval"}'),
    { id: 'x-9', planId: 'pl_1', stepId: undefined, state: 'waiting_approval' });
});

test('other events, messages without id and malformed data are skipped', () => {
  assert.equal(parsePlanEvent('1', 'slo', '{"planId":"p","state":"x"}'), undefined);
  assert.equal(parsePlanEvent(undefined, 'plan.step', '{"planId":"p","state":"x"}'), undefined);
  assert.equal(parsePlanEvent('1', 'plan.step', 'not json'), undefined);
  assert.equal(parsePlanEvent('1', 'plan.step', '{"state":"x"}'), undefined);
});
