import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentToken } from '../api/agentToken';
import { type ModelTokenDeps, obtainModelToken } from './modelToken';

/** Token storage in memory and an engine whose answers the test sets. */
function setup(engine: { accepts: Set<string>; creates: AgentToken }, stored?: string, user = 'oss_owner') {
  const state = { stored, created: [] as string[] };
  const deps: ModelTokenDeps = {
    storedAgentToken: async () => state.stored,
    storeAgentToken: async (t) => { state.stored = t; },
    forgetAgentToken: async () => { state.stored = undefined; },
    userToken: async () => user || undefined,
    createAgentToken: async (owner) => { state.created.push(owner); return engine.creates; },
    tokenAccepted: async (t) => engine.accepts.has(t),
  };
  return { deps, state };
}

test('a stored agent token the engine accepts is reused', async () => {
  const { deps, state } = setup({ accepts: new Set(['oss_agent']), creates: { kind: 'created', token: 'never' } }, 'oss_agent');
  assert.deepEqual(await obtainModelToken(deps), { kind: 'agent', token: 'oss_agent' });
  assert.deepEqual(state.created, []);
});

test('a revoked agent token is replaced by a new one made with the user\'s token, which the model never gets', async () => {
  const { deps, state } = setup({ accepts: new Set(), creates: { kind: 'created', token: 'oss_agent2' } }, 'oss_revoked');
  const result = await obtainModelToken(deps);
  assert.deepEqual(result, { kind: 'agent', token: 'oss_agent2' });
  assert.deepEqual(state.created, ['oss_owner']);
  assert.equal(state.stored, 'oss_agent2');
});

test('an engine without token roles yields the user token only as an explicit fallback', async () => {
  const { deps, state } = setup({ accepts: new Set(), creates: { kind: 'unsupported', reason: 'no roles' } });
  assert.deepEqual(await obtainModelToken(deps), { kind: 'userTokenOnly', token: 'oss_owner', reason: 'no roles' });
  assert.equal(state.stored, undefined);
});

test('without a user token nothing is made', async () => {
  const { deps } = setup({ accepts: new Set(), creates: { kind: 'created', token: 'x' } }, undefined, '');
  assert.equal((await obtainModelToken(deps)).kind, 'none');
});
