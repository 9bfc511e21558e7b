import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentToken, McpAccess } from '../api/agentToken';
import { type ModelTokenDeps, obtainModelToken } from './modelToken';

/** Token storage in memory and an engine whose answers the test sets. */
function setup(engine: { access: (token: string) => McpAccess; creates: AgentToken }, stored?: string, user = 'oss_owner') {
  const state = { stored, created: [] as string[] };
  const deps: ModelTokenDeps = {
    storedAgentToken: async () => state.stored,
    storeAgentToken: async (t) => { state.stored = t; },
    forgetAgentToken: async () => { state.stored = undefined; },
    userToken: async () => user || undefined,
    createAgentToken: async (owner) => { state.created.push(owner); return engine.creates; },
    mcpAccess: async (t) => engine.access(t),
  };
  return { deps, state };
}

const accepts = (...tokens: string[]) => (t: string): McpAccess => (tokens.includes(t) ? { kind: 'ok' } : { kind: 'unauthorized' });

test('a stored agent token the engine accepts is reused', async () => {
  const { deps, state } = setup({ access: accepts('oss_agent'), creates: { kind: 'created', token: 'never' } }, 'oss_agent');
  assert.deepEqual(await obtainModelToken(deps), { kind: 'agent', token: 'oss_agent' });
  assert.deepEqual(state.created, []);
});

test('a revoked agent token is replaced by a new one made with the user\'s token, which the model never gets', async () => {
  const { deps, state } = setup({ access: accepts('oss_agent2'), creates: { kind: 'created', token: 'oss_agent2' } }, 'oss_revoked');
  assert.deepEqual(await obtainModelToken(deps), { kind: 'agent', token: 'oss_agent2' });
  assert.deepEqual(state.created, ['oss_owner']);
  assert.equal(state.stored, 'oss_agent2');
});

test('an engine without token roles yields the user token only as an explicit fallback', async () => {
  const { deps, state } = setup({ access: accepts(), creates: { kind: 'unsupported', reason: 'no roles' } });
  assert.deepEqual(await obtainModelToken(deps), { kind: 'userTokenOnly', token: 'oss_owner', reason: 'no roles' });
  assert.equal(state.stored, undefined);
});

test('an engine that refuses agent tokens on /mcp yields the user token only as an explicit fallback, saying why', async () => {
  const refuses = (): McpAccess => ({ kind: 'forbidden', detail: '/mcp needs the role owner' });
  const { deps, state } = setup({ access: refuses, creates: { kind: 'created', token: 'oss_agent' } });
  const result = await obtainModelToken(deps);
  assert.equal(result.kind, 'userTokenOnly');
  assert.match(result.kind === 'userTokenOnly' ? result.reason : '', /refuses agent tokens on \/mcp \(\/mcp needs the role owner\)/);
  assert.equal(state.stored, 'oss_agent', 'kept, so no new token is made every time');
  await obtainModelToken(deps);
  assert.deepEqual(state.created, ['oss_owner']);
});

test('without a user token nothing is made', async () => {
  const { deps } = setup({ access: accepts(), creates: { kind: 'created', token: 'x' } }, undefined, '');
  assert.equal((await obtainModelToken(deps)).kind, 'none');
});
