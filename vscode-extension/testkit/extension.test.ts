/**
 * The bundled extension (dist/extension.js, as VS Code loads it) activated against the `vscode` stub and a real
 * `./ossaat serve`: the wiring, the Plans view filling and following the engine live, an approval from the tree,
 * Copilot's server definition, and the release of everything on deactivation.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { baseUrl, EngineClient } from '../src/api/engineClient';
import type { PlanNode } from '../src/treeViews/planTree';
import { gitWorkspace, type RunningEngine, startEngine } from './engine';
import { extensionContext, workbench } from './vscodeStub';

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const PATCH = '--- /dev/null\n+++ b/NEW.md\n@@ -0,0 +1 @@\n+approved from the tree\n';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle, loaded the way VS Code loads it
const extension = require(path.join(ROOT, 'dist', 'extension.js')) as { activate(context: unknown): void };

let engine: RunningEngine;
let workspace: string;
let client: EngineClient;

before(async () => {
  engine = await startEngine();
  workspace = gitWorkspace();
  client = await EngineClient.connect({ url: engine.url, token: engine.token });
  workbench.settings['ossaat.url'] = engine.url;
}, { timeout: 200_000 });

after(async () => {
  await client?.close();
  await engine?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
}, { timeout: 60_000 });

/** Activates the bundle; the returned function deactivates it the way VS Code does. */
function activate(): { context: ReturnType<typeof extensionContext>; deactivate(): void } {
  const context = extensionContext(PACKAGE);
  extension.activate(context);
  return { context, deactivate: () => [...context.subscriptions].reverse().forEach((d) => d.dispose()) };
}

/** Waits for a condition with a deadline, checking after every turn of the event loop (no fixed sleep). */
async function eventually(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function plansView() {
  const view = workbench.treeProviders.get('ossaat.plans');
  assert.ok(view, 'the Plans view is registered');
  return view;
}

const roots = () => plansView().getChildren() as PlanNode[];
const steps = (node: PlanNode) => plansView().getChildren(node) as PlanNode[];
const labels = () => roots().map((n) => plansView().getTreeItem(n).label);
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

test('without a stored token the view says so and how to connect', async () => {
  const ext = activate();
  try {
    await eventually(() => labels().some((l) => /No ossaat token is stored/.test(l)), 'the missing-token message');
    const item = plansView().getTreeItem(roots()[0]);
    assert.equal(item.command?.command, 'ossaat.connect');
    assert.equal(workbench.contexts['ossaat.connected'], false);
  } finally {
    ext.deactivate();
  }
});

test('Connect offers the token in ossaat.dataDir, stores it, and reports the server and its tools', async () => {
  workbench.settings['ossaat.dataDir'] = engine.dataDir;
  const ext = activate();
  try {
    workbench.messageAnswers.push('Use it');
    await workbench.commands.get('ossaat.connect')!();
    const offer = workbench.messages.find((m) => m.text.includes(path.join(engine.dataDir, 'token')));
    assert.ok(offer, 'the token file was offered');
    assert.equal(workbench.secrets.get(`ossaat.token:${baseUrl(engine.url)}`), engine.token);
    const report = workbench.messages.at(-1)!;
    assert.equal(report.level, 'info');
    assert.match(report.text, /^ossaat: connected to ossaat \S+ at .+ \(MCP 2025-11-25\); tools: create_plan, list_plans, get_plan, approve_step, reject_step, cancel_plan, get_slo_status\.$/);
  } finally {
    ext.deactivate();
    delete workbench.settings['ossaat.dataDir'];
  }
});

test('with a stored token the Plans view fills, follows a new plan live, and a step is approved from the tree', async () => {
  workbench.secrets.set(`ossaat.token:${baseUrl(engine.url)}`, engine.token);
  const timersBefore = timers();
  const ext = activate();
  try {
    const contributed = PACKAGE.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...workbench.commands.keys()].sort(), contributed, 'every contributed command is registered');
    assert.ok(workbench.mcpProviders.has('ossaat.engine'));

    await eventually(() => workbench.contexts['ossaat.connected'] === true, 'connected');
    await eventually(() => /^\$\((pulse|warning|error)\) SLO (ok|ticket|page)/.test(workbench.statusBarItems.at(-1)?.text ?? ''), 'the SLO status');

    const plan = await client.createPlan({ goal: 'approve from the tree', workspace, inputs: { patch: PATCH, testCommand: 'test -f NEW.md' } });
    const waitingStep = () => roots().flatMap((n) => (n.kind === 'plan' && n.plan.id === plan.id ? steps(n) : []))
      .find((s) => s.kind === 'step' && s.step.id === 'apply_changes' && s.step.state === 'waiting_approval');
    await eventually(() => waitingStep() !== undefined, 'apply_changes waits in the tree (from the live stream)');
    const node = waitingStep()!;
    assert.equal(plansView().getTreeItem(node).contextValue, 'step.waiting');

    workbench.messageAnswers.push('Approve');
    workbench.inputAnswers.push('the patch is right');
    await workbench.commands.get('ossaat.approveStep')!(node);

    const diff = workbench.shownDocuments.at(-1);
    assert.equal(diff?.languageId, 'diff');
    assert.equal(diff?.getText(), PATCH, 'the patch was shown before the decision');
    const confirm = workbench.messages.find((m) => m.level === 'warning' && /Decide on step "apply_changes"/.test(m.text));
    assert.match(confirm?.detail ?? '', /code_writer under repo\.write/);
    assert.match(confirm?.detail ?? '', /The engine applies exactly this patch \(SHA-256 /, 'the shown patch is the one the engine fixed');
    const after = await client.getPlan(plan.id);
    assert.notEqual(after.steps?.find((s) => s.id === 'apply_changes')?.state, 'waiting_approval');
    // the request supplied the test command, so it waits for a human too
    await eventually(() => roots().some((n) => n.kind === 'plan' && n.plan.id === plan.id
      && n.plan.steps?.find((s) => s.id === 'run_tests')?.state === 'waiting_approval'), 'run_tests waits in the tree');
    await client.approveStep(plan.id, 'run_tests', 'only checks the file');
    await eventually(() => roots().some((n) => n.kind === 'plan' && n.plan.id === plan.id
      && n.plan.steps?.find((s) => s.id === 'open_pr')?.state === 'waiting_approval'), 'the tree follows the plan to open_pr');

    const planNode = roots().find((n) => n.kind === 'plan' && n.plan.id === plan.id)!;
    await workbench.commands.get('ossaat.openPlan')!(planNode);
    const details = workbench.shownDocuments.at(-1);
    assert.equal(details?.languageId, 'json');
    assert.equal(JSON.parse(details!.getText()).steps.find((s: { id: string }) => s.id === 'open_pr').state, 'waiting_approval');
  } finally {
    ext.deactivate();
  }
  assert.deepEqual([...workbench.commands.keys()], [], 'commands are released');
  assert.equal(workbench.treeProviders.size, 0);
  assert.equal(workbench.mcpProviders.size, 0);
  assert.ok(workbench.statusBarItems.every((i) => i.disposed));
  await eventually(() => timers() <= timersBefore, 'the SLO poll and the stream\'s retry timer are stopped', 5_000);
});

test('New plan offers the engine\'s agents with what each needs, and sends the folder\'s uncommitted diff as the patch', async () => {
  workbench.secrets.set(`ossaat.token:${baseUrl(engine.url)}`, engine.token);
  const folder = gitWorkspace();
  const git = (...args: string[]) => execFileSync('git', ['-C', folder, '-c', 'user.name=t', '-c', 'user.email=t@ossaat.invalid', ...args], { encoding: 'utf8' });
  writeFileSync(path.join(folder, 'NOTES.md'), 'one\n');
  git('add', 'NOTES.md');
  git('commit', '-q', '-m', 'notes');
  workbench.folders.push(folder);
  delete workbench.contexts['ossaat.connected']; // the previous test's activation left it set
  const ext = activate();
  const plansNow = async () => (await client.listPlans({ limit: 100 })).items.map((p) => p.id);
  try {
    await eventually(() => workbench.contexts['ossaat.connected'] === true, 'connected');

    // a clean folder: the default agent's patch has no source, so it says why and creates nothing
    const before = await plansNow();
    workbench.inputAnswers.push('nothing to apply');
    workbench.quickPickAnswers.push('default');
    await workbench.commands.get('ossaat.newPlan')!();
    const agents = workbench.quickPicks.at(-1)!.items;
    assert.equal(agents.find((a) => a.label === 'default')?.description, 'needs inputs.patch (apply_changes)');
    assert.equal(agents.find((a) => a.label === 'reviewer')?.description, 'needs only a goal');
    const refused = workbench.messages.at(-1)!;
    assert.equal(refused.level, 'error');
    assert.match(refused.text, /Agent "default" plans apply_changes \(code_writer\), which needs inputs\.patch/);
    assert.match(refused.text, /no uncommitted changes/);
    assert.deepEqual(await plansNow(), before, 'no plan was created');

    // a change in the folder: offered, agreed to, sent as inputs.patch, and it applies when approved
    writeFileSync(path.join(folder, 'NOTES.md'), 'one\ntwo\n');
    workbench.inputAnswers.push('add a second note');
    workbench.quickPickAnswers.push('default');
    workbench.messageAnswers.push('Use these changes', undefined);
    await workbench.commands.get('ossaat.newPlan')!();
    const offer = workbench.messages.find((m) => /Send the uncommitted changes of /.test(m.text));
    assert.match(offer?.detail ?? '', /1 file\(s\): NOTES\.md/);
    const created = workbench.messages.at(-1)!;
    const id = /plan (\S+) is/.exec(created.text)?.[1];
    assert.ok(id, created.text);
    const plan = await client.getPlan(id);
    assert.equal(plan.agent, 'default');
    assert.equal(plan.workspace, folder);
    assert.equal(plan.inputs?.patch, git('diff', 'HEAD'));
    await eventually(() => roots().some((n) => n.kind === 'plan' && n.plan.id === id
      && n.plan.steps?.find((s) => s.id === 'apply_changes')?.state === 'waiting_approval'), 'apply_changes waits', 120_000);
    await client.approveStep(id, 'apply_changes', 'the folder\'s own change');
    await eventually(() => roots().some((n) => n.kind === 'plan' && n.plan.id === id
      && n.plan.steps?.find((s) => s.id === 'apply_changes')?.state === 'completed'), 'the folder\'s diff applied', 120_000);

    // an agent that needs only a goal is created from a clean folder too
    git('checkout', '-q', '--', 'NOTES.md');
    workbench.inputAnswers.push('review the notes');
    workbench.quickPickAnswers.push('reviewer');
    workbench.messageAnswers.push(undefined);
    await workbench.commands.get('ossaat.newPlan')!();
    const reviewed = /plan (\S+) is/.exec(workbench.messages.at(-1)!.text)?.[1];
    assert.ok(reviewed, workbench.messages.at(-1)!.text);
    const review = await client.getPlan(reviewed);
    assert.equal(review.agent, 'reviewer');
    assert.equal(review.inputs?.patch, undefined);
    // the engine works in the folder's repository (worktrees under .git) until the review stops running
    await eventually(() => roots().some((n) => n.kind === 'plan' && n.plan.id === reviewed
      && n.plan.state !== 'running'), 'the review stops running', 120_000);
  } finally {
    ext.deactivate();
    workbench.folders.length = 0;
    // the engine may still be removing a finished plan's worktree under .git: retry while it writes there
    rmSync(folder, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
});

test('Copilot\'s server definition points at /mcp and never carries the owner token unasked', async () => {
  const ext = activate();
  try {
    const provider = workbench.mcpProviders.get('ossaat.engine')!;
    const [definition] = (await provider.provideMcpServerDefinitions()) as { uri: { toString(): string }; headers: Record<string, string> }[];
    assert.equal(definition.uri.toString(), `${engine.url}/mcp`);

    workbench.messageAnswers.push(undefined); // decline, should the engine have no token roles
    const resolved = (await provider.resolveMcpServerDefinition!(definition)) as typeof definition | undefined;
    if (resolved) {
      const token = resolved.headers.Authorization.replace(/^Bearer /, '');
      assert.notEqual(token, engine.token, 'the model gets its own agent token');
      const agent = await EngineClient.connect({ url: engine.url, token });
      await agent.close();
    } else {
      const asked = workbench.messages.at(-1);
      assert.match(asked?.text ?? '', /no token roles|refuses agent tokens on \/mcp/);
      assert.match(asked?.detail ?? '', /could also approve/);
      workbench.messageAnswers.push('Give my token');
      const consented = (await provider.resolveMcpServerDefinition!(definition)) as typeof definition;
      assert.equal(consented.headers.Authorization, `Bearer ${engine.token}`);
    }
  } finally {
    ext.deactivate();
  }
});
