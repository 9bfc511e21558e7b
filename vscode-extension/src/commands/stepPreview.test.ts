import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type { Plan } from '../api/types';
import { stepPreview } from './stepPreview';

const PATCH = '--- /dev/null\n+++ b/NEW.md\n@@ -0,0 +1 @@\n+hi\n';
const plan: Plan = {
  id: 'pl_1', goal: 'add NEW.md', state: 'waiting_approval', workspace: '/repo',
  inputs: { patch: PATCH, testCommand: 'npm test' },
  steps: [
    { id: 'apply_changes', tool: 'code_writer', capability: 'repo.write', state: 'waiting_approval' },
    { id: 'run_tests', tool: 'test_runner', capability: 'test.run', state: 'waiting_approval' },
    { id: 'open_pr', tool: 'github_client', capability: 'github.write', state: 'waiting_approval' },
  ],
};

test('a step that applies a patch shows the patch before the decision', () => {
  const preview = stepPreview(plan, plan.steps![0]);
  assert.equal(preview.patch, PATCH);
  assert.match(preview.detail, /code_writer under repo\.write/);
  assert.match(preview.detail, /Workspace: \/repo/);
});

test('a test step shows its command, a commit step its branch; neither carries the patch', () => {
  const tests = stepPreview(plan, plan.steps![1]);
  assert.match(tests.detail, /Runs: npm test/);
  assert.equal(tests.patch, undefined);
  assert.match(stepPreview(plan, plan.steps![2]).detail, /branch ossaat\/pl_1/);
});

test('the patch is checked against the SHA-256 the engine fixed, and the exact command comes from the engine', () => {
  const sha = createHash('sha256').update(PATCH, 'utf8').digest('hex');
  const matching = stepPreview(plan, { ...plan.steps![0], approval: { patchSha256: sha } });
  assert.match(matching.detail, new RegExp(`applies exactly this patch \\(SHA-256 ${sha.slice(0, 12)}`));
  const other = stepPreview(plan, { ...plan.steps![0], approval: { patchSha256: 'f'.repeat(64) } });
  assert.match(other.detail, /WARNING: the patch shown is not the one the engine holds/);
  const tests = stepPreview(plan, { ...plan.steps![1], approval: { command: 'npm test -- --ci' } });
  assert.match(tests.detail, /Runs: npm test -- --ci/);
});
