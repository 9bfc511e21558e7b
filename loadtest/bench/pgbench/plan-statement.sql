-- The same writes as plan.sql in the form the engine makes them since #13 part B (PlanStore.insertCreated): one
-- statement, its own transaction in autocommit; the events numbered later by sequence.sql.
\set n random(1, 1000000000)
WITH p AS (
INSERT INTO plans (id, goal, agent, workspace, inputs, labels, state, idempotency_key, created_at, updated_at)
  VALUES ('pl_bench_' || :client_id || '_' || :n || '_' || txid_current(), 'pgbench plan', 'careful', NULL, '{}'::jsonb, '{}'::jsonb,
          'waiting_approval', 'key-' || :client_id || '-' || :n || '-' || txid_current(), now(), now())
  ON CONFLICT (idempotency_key) DO NOTHING RETURNING id),
s AS (
INSERT INTO steps (plan_id, id, position, action, tool, capability, capability_label, approval_required,
                   timeout_seconds, depends_on, state, run_after, approval_command, approval_patch_sha256)
  SELECT p.id, v.* FROM p, (VALUES ('index_repo', 0, 'index the repository', 'repo_indexer', 'repo.read', 'Read repository', true, 300, '{}'::text[], 'waiting_approval', now(), NULL::text, NULL::text),
  ('apply_changes', 1, 'apply the changes', 'code_writer', 'repo.write', 'Write repository', true, 300, '{index_repo}', 'pending', NULL, NULL, NULL),
  ('run_tests', 2, 'run the tests', 'test_runner', 'test.run', 'Run tests', true, 300, '{apply_changes}', 'pending', NULL, NULL, NULL),
  ('open_pr', 3, 'open a pull request', 'github_client', 'github.write', 'Write to GitHub', true, 300, '{run_tests}', 'pending', NULL, NULL, NULL)) v),
e AS (
INSERT INTO events (plan_id, step_id, state, attempt, summary, occurred_at)
  SELECT p.id, v.step_id, v.state, 0, v.summary, now() FROM p, (VALUES (0, NULL, 'waiting_approval', 'plan created: pgbench plan'),
   (1, 'index_repo', 'waiting_approval', NULL), (2, 'apply_changes', 'pending', NULL), (3, 'run_tests', 'pending', NULL), (4, 'open_pr', 'pending', NULL)) v(n, step_id, state, summary) ORDER BY v.n)
SELECT count(*) FROM p;
