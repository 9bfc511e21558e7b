-- The same plan creation as the engine wrote it before V5: the events numbered from the event_counter row inside
-- the writer's transaction (its row lock held through the commit's WAL flush).
\set n random(1, 1000000000)
BEGIN;
INSERT INTO plans (id, goal, agent, workspace, inputs, labels, state, idempotency_key, created_at, updated_at)
  VALUES ('pl_bench_' || :client_id || '_' || :n || '_' || txid_current(), 'pgbench plan', 'careful', NULL, '{}'::jsonb, '{}'::jsonb,
          'waiting_approval', 'key-' || :client_id || '-' || :n || '-' || txid_current(), now(), now())
  RETURNING id AS plan \gset
INSERT INTO steps (plan_id, id, position, action, tool, capability, capability_label, approval_required,
                   timeout_seconds, depends_on, state, run_after, approval_command, approval_patch_sha256)
  VALUES (:plan, 'index_repo', 0, 'index the repository', 'repo_indexer', 'repo.read', 'Read repository', true, 300, '{}', 'waiting_approval', now(), NULL, NULL);
INSERT INTO steps (plan_id, id, position, action, tool, capability, capability_label, approval_required,
                   timeout_seconds, depends_on, state, run_after, approval_command, approval_patch_sha256)
  VALUES (:plan, 'apply_changes', 1, 'apply the changes', 'code_writer', 'repo.write', 'Write repository', true, 300, '{index_repo}', 'pending', NULL, NULL, NULL);
INSERT INTO steps (plan_id, id, position, action, tool, capability, capability_label, approval_required,
                   timeout_seconds, depends_on, state, run_after, approval_command, approval_patch_sha256)
  VALUES (:plan, 'run_tests', 2, 'run the tests', 'test_runner', 'test.run', 'Run tests', true, 300, '{apply_changes}', 'pending', NULL, NULL, NULL);
INSERT INTO steps (plan_id, id, position, action, tool, capability, capability_label, approval_required,
                   timeout_seconds, depends_on, state, run_after, approval_command, approval_patch_sha256)
  VALUES (:plan, 'open_pr', 3, 'open a pull request', 'github_client', 'github.write', 'Write to GitHub', true, 300, '{run_tests}', 'pending', NULL, NULL, NULL);
UPDATE event_counter SET last_seq = last_seq + 5 WHERE id = 1 RETURNING last_seq AS last \gset
INSERT INTO events (seq, plan_id, step_id, state, attempt, summary, occurred_at) VALUES (:last - 4, :plan, NULL, 'waiting_approval', 0, 'plan created: pgbench plan', now());
INSERT INTO events (seq, plan_id, step_id, state, attempt, summary, occurred_at) VALUES (:last - 3, :plan, 'index_repo', 'waiting_approval', 0, NULL, now());
INSERT INTO events (seq, plan_id, step_id, state, attempt, summary, occurred_at) VALUES (:last - 2, :plan, 'apply_changes', 'pending', 0, NULL, now());
INSERT INTO events (seq, plan_id, step_id, state, attempt, summary, occurred_at) VALUES (:last - 1, :plan, 'run_tests', 'pending', 0, NULL, now());
INSERT INTO events (seq, plan_id, step_id, state, attempt, summary, occurred_at) VALUES (:last, :plan, 'open_pr', 'pending', 0, NULL, now());
COMMIT;
