/**
 * The MCP client, the event stream, the agent token and the headless CLI against a real `./ossaat serve` (embedded
 * Postgres and Redis, a real socket). Nothing of the engine is mocked.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createAgentToken, mcpAccess } from '../src/api/agentToken';
import { EngineClient } from '../src/api/engineClient';
import { EngineError } from '../src/api/engineError';
import { readPlanEvents } from '../src/api/eventStream';
import type { PlanEvent } from '../src/api/types';
import { gitWorkspace, type RunningEngine, startEngine } from './engine';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'mcp-cli.js');
const PATCH = '--- /dev/null\n+++ b/NEW.md\n@@ -0,0 +1 @@\n+hello from the vscode extension test\n';
const TOOLS = ['create_plan', 'list_plans', 'get_plan', 'approve_step', 'reject_step', 'cancel_plan', 'get_slo_status'];

let engine: RunningEngine;
let workspace: string;

before(async () => {
  engine = await startEngine();
  workspace = gitWorkspace();
}, { timeout: 200_000 });

after(async () => {
  await engine?.stop();
  if (workspace) {
    rmSync(workspace, { recursive: true, force: true });
  }
}, { timeout: 60_000 });

/** Records a stream's events and resolves waits for a matching one (bounded by a deadline, never a sleep). */
class Recorder {
  readonly events: PlanEvent[] = [];
  private waiters: { match(e: PlanEvent): boolean; resolve(e: PlanEvent): void }[] = [];
  add(event: PlanEvent): void {
    this.events.push(event);
    this.waiters = this.waiters.filter((w) => !(w.match(event) && (w.resolve(event), true)));
  }
  next(match: (e: PlanEvent) => boolean, what: string, timeoutMs = 60_000): Promise<PlanEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no event "${what}" within ${timeoutMs} ms; saw ${JSON.stringify(this.events)}`)), timeoutMs);
      this.waiters.push({ match, resolve: (e) => { clearTimeout(timer); resolve(e); } });
    });
  }
}

function openStream(recorder: Recorder, lastEventId?: string) {
  const abort = new AbortController();
  let opened!: () => void;
  const open = new Promise<void>((resolve) => { opened = resolve; });
  const done = readPlanEvents({ url: engine.url, token: engine.token, lastEventId, signal: abort.signal,
    onOpen: () => opened(), onEvent: (e) => recorder.add(e) });
  return { open, done, close: () => abort.abort() };
}

async function connectionError(options: Parameters<typeof EngineClient.connect>[0]): Promise<EngineError> {
  try {
    const client = await EngineClient.connect(options);
    await client.close();
  } catch (e) {
    assert.ok(e instanceof EngineError, `an EngineError, got ${e}`);
    return e;
  }
  assert.fail('connect should have failed');
}

test('connect reports the server, its version, the protocol and all seven tools', async () => {
  const client = await EngineClient.connect({ url: engine.url, token: engine.token });
  try {
    assert.equal(client.info.name, 'ossaat');
    assert.ok(client.info.version.length > 0);
    assert.equal(client.info.protocolVersion, '2025-11-25');
    assert.deepEqual([...client.info.tools].sort(), [...TOOLS].sort());
    const slos = await client.sloStatus();
    assert.ok(slos.some((s) => s.name === 'api-availability'), JSON.stringify(slos));
  } finally {
    await client.close();
  }
});

test('a plan made over MCP streams its steps, waits for approval, and moves on when approved', async () => {
  const client = await EngineClient.connect({ url: engine.url, token: engine.token });
  const recorder = new Recorder();
  const stream = openStream(recorder);
  try {
    await stream.open;
    const plan = await client.createPlan({ goal: 'add NEW.md', workspace, inputs: { patch: PATCH, testCommand: 'test -f NEW.md' } });
    assert.equal(plan.steps?.[0]?.id, 'index_repo');

    await recorder.next((e) => e.planId === plan.id && e.stepId === 'apply_changes' && e.state === 'waiting_approval', 'apply_changes waits');
    const listed = await client.listPlans({ limit: 5 });
    assert.equal(listed.items[0].id, plan.id, 'newest first');

    const approved = await client.approveStep(plan.id, 'apply_changes', 'looks right');
    assert.notEqual(approved.steps?.find((s) => s.id === 'apply_changes')?.state, 'waiting_approval');
    // the request supplied the test command, so it runs only after a human saw it
    await recorder.next((e) => e.planId === plan.id && e.stepId === 'run_tests' && e.state === 'waiting_approval', 'run_tests waits');
    assert.equal((await client.getPlan(plan.id)).steps?.find((s) => s.id === 'run_tests')?.approval?.command, 'test -f NEW.md');
    await client.approveStep(plan.id, 'run_tests', 'only checks the file');
    await recorder.next((e) => e.planId === plan.id && e.stepId === 'open_pr' && e.state === 'waiting_approval', 'open_pr waits');
    assert.equal((await client.getPlan(plan.id)).steps?.find((s) => s.id === 'run_tests')?.state, 'completed');

    const cancelled = await client.cancelPlan(plan.id);
    assert.equal(cancelled.state, 'cancelled');
  } finally {
    stream.close();
    await stream.done;
    await client.close();
  }
});

test('deciding on a step that does not wait is a tool error with the engine\'s reason', async () => {
  const client = await EngineClient.connect({ url: engine.url, token: engine.token });
  try {
    await assert.rejects(client.approveStep('pl_does_not_exist', 'apply_changes'),
      (e: EngineError) => e.kind === 'tool' && /approve_step/.test(e.message));
  } finally {
    await client.close();
  }
});

test('the agents say which inputs their plans need, and a plan without its patch is refused with the engine\'s reason', async () => {
  const client = await EngineClient.connect({ url: engine.url, token: engine.token });
  try {
    const agents = await client.listAgents();
    const needs = (name: string) => agents.find((a) => a.name === name)?.requiredInputs?.map((i) => `${i.name}:${i.step}`);
    assert.deepEqual(needs('default'), ['patch:apply_changes']);
    assert.deepEqual(needs('reviewer'), []);
    const before = (await client.listPlans({ limit: 100 })).items.length;
    await assert.rejects(client.createPlan({ goal: 'no patch', workspace }),
      (e: EngineError) => e.kind === 'tool' && /inputs\.patch/.test(e.message) && /apply_changes/.test(e.describe()));
    assert.equal((await client.listPlans({ limit: 100 })).items.length, before, 'nothing was stored');
  } finally {
    await client.close();
  }
});

test('the event stream resumes after a Last-Event-ID with the events that followed it', async () => {
  const recorder = new Recorder();
  const stream = openStream(recorder, '0');
  try {
    const first = await recorder.next(() => true, 'any event from the start');
    assert.equal(typeof first.id, 'string');
    assert.ok(recorder.events.every((e) => e.planId.startsWith('pl_')));
  } finally {
    stream.close();
    await stream.done;
  }
});

test('a wrong token is refused as unauthorized, with where to find the right one', async () => {
  const error = await connectionError({ url: engine.url, token: 'oss_wrong' });
  assert.equal(error.kind, 'unauthorized');
  assert.equal(error.status, 401);
  assert.match(error.nextStep, /<data-dir>\/token/);
});

test('a foreign Origin is refused as forbidden, naming Origin', async () => {
  const error = await connectionError({ url: engine.url, token: engine.token, headers: { Origin: 'http://evil.example' } });
  assert.equal(error.kind, 'forbidden');
  assert.match(error.message, /Origin/);
});

test('a URL where no MCP endpoint lives is reported as a wrong URL', async () => {
  const error = await connectionError({ url: `${engine.url}/not-here`, token: engine.token });
  assert.equal(error.kind, 'notFound');
  assert.match(error.nextStep, /ossaat\.url/);
});

test('a port nobody listens on is reported as an engine that is not running, with how to start one', async () => {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolve(p));
    });
  });
  const error = await connectionError({ url: `http://127.0.0.1:${port}`, token: engine.token });
  assert.equal(error.kind, 'unreachable');
  assert.match(error.nextStep, /\.\/ossaat serve/);
});

/**
 * A TCP proxy to the engine that closes a connection, without an answer, when a request on it names the tool in
 * `closeOn` (as the engine or a network may close a kept-alive connection under load): `closes` of them at most.
 */
async function closingProxy(target: string): Promise<{ url: string; closeOn: string; closes: number; closed: number; stop(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const proxy = { url: '', closeOn: '', closes: 0, closed: 0, stop: async () => {} };
  const server: Server = createServer((client) => {
    const upstream = connectTcp(Number(port), hostname);
    sockets.add(client).add(upstream);
    let request = '';
    client.on('data', (chunk) => {
      request += chunk.toString('latin1');
      if (proxy.closes > 0 && request.includes(`"name":"${proxy.closeOn}"`)) {
        proxy.closes--;
        proxy.closed++;
        client.destroy();
        upstream.destroy();
        return;
      }
      request = request.slice(-4_096);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    for (const [a, b] of [[client, upstream], [upstream, client]]) {
      a.on('close', () => b.destroy());
      a.on('error', () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  proxy.stop = () => new Promise<void>((resolve) => {
    sockets.forEach((s) => s.destroy());
    server.close(() => resolve());
  });
  return proxy;
}

test('a read-only call whose connection closes unanswered is sent once more; a create says it may have run', async () => {
  const proxy = await closingProxy(engine.url);
  const client = await EngineClient.connect({ url: proxy.url, token: engine.token });
  try {
    Object.assign(proxy, { closeOn: 'list_plans', closes: 1 });
    const page = await client.listPlans({ limit: 1 });
    assert.equal(proxy.closed, 1, 'the first list_plans lost its connection');
    assert.ok(Array.isArray(page.items), 'the second one answered');

    Object.assign(proxy, { closeOn: 'create_plan', closes: 2 });
    await assert.rejects(client.createPlan({ goal: 'lost on the way', workspace, inputs: { patch: PATCH } }),
      (e: unknown) => e instanceof EngineError && e.kind === 'connectionClosed'
        && /closed the connection before it answered/.test(e.message) && /create_plan may have run/.test(e.nextStep));
    assert.equal(proxy.closed, 2, 'create_plan was sent once, not again');
  } finally {
    await client.close();
    await proxy.stop();
  }
});

test('the engine makes an agent token where it has token roles, and says "unsupported" where not', async () => {
  const result = await createAgentToken(engine.url, engine.token, 'vscode-test');
  if (result.kind === 'unsupported') {
    assert.match(result.reason, /no token roles/);
    return;
  }
  assert.notEqual(result.token, engine.token);
  assert.deepEqual(await mcpAccess(engine.url, 'oss_not_a_token'), { kind: 'unauthorized' });
  const access = await mcpAccess(engine.url, result.token);
  if (access.kind === 'ok') {
    const agent = await EngineClient.connect({ url: engine.url, token: result.token });
    try {
      await assert.rejects(agent.approveStep('pl_any', 'apply_changes'), EngineError, 'an agent token cannot decide on steps');
    } finally {
      await agent.close();
    }
  } else {
    assert.equal(access.kind, 'forbidden', 'an engine that lets only the owner use /mcp refuses the agent token with 403');
  }
});

test('the headless CLI initializes, lists the tools and calls list_plans', () => {
  const run = spawnSync(process.execPath, [CLI, engine.url], { env: { ...process.env, OSSAAT_TOKEN: engine.token }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /^server: ossaat /m);
  assert.match(run.stdout, /^protocol: 2025-11-25$/m);
  assert.match(run.stdout, new RegExp(`^tools \\(7\\): ${TOOLS.join(', ')}$`, 'm'));
  assert.match(run.stdout, /^called list_plans \{"limit":5\}: \d+ plan\(s\)$/m);
});

test('the headless CLI says what is wrong: no token (exit 2), a wrong token (exit 1)', () => {
  const env = { ...process.env };
  delete env.OSSAAT_TOKEN;
  const missing = spawnSync(process.execPath, [CLI, engine.url], { env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(missing.status, 2);
  assert.match(missing.stdout, /OSSAAT_TOKEN is not set/);
  const wrong = spawnSync(process.execPath, [CLI, engine.url], { env: { ...env, OSSAAT_TOKEN: 'oss_wrong' }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(wrong.status, 1);
  assert.match(wrong.stdout, /refused the token \(401\)/);
});
