// The performance budget in k6, for the GitHub workflow (k6 is AGPL: it runs there as a tool and is never a
// dependency of ossaat). Thresholds are not written here: they come from the engine's SLO file through
//   java -jar loadtest/target/ossaat-loadtest.jar thresholds --profile budget --out thresholds.json
// the same derivation the Gatling simulations assert (create plan p95 <= the plan-create-latency threshold, failed
// requests <= 1 - the availability target, ...), keyed by the sub-metrics of the judged phase.
//
//   k6 run -e OSSAAT_URL=http://127.0.0.1:7070 -e OSSAAT_TOKEN=... -e THRESHOLDS=thresholds.json \
//          -e SCENARIO=plan-api|health -e PHASE=warmup|judged|all  loadtest/k6/performance-budget.js
//
// PHASE=warmup runs the unjudged ramp only (no thresholds), PHASE=judged the steady rate only, so the workflow
// can snapshot the engine's own counts in between (loadtest/k6/run.sh does that). Every request carries a
// `route` tag (create_plan, get_plan, replay_create, list_plans, approve_step, healthz) and its scenario's
// `phase` tag. SSE is not covered here (k6 needs an extension for it); the Gatling simulation watches streams.
import http from 'k6/http';
import { check, sleep } from 'k6';
import exec from 'k6/execution';
import { textSummary } from 'https://jslib.k6.io/k6-summary/0.1.0/index.js';

const cfg = JSON.parse(open(__ENV.THRESHOLDS || './thresholds.json'));
const BASE = (__ENV.OSSAAT_URL || 'http://127.0.0.1:7070').replace(/\/$/, '');
const TOKEN = __ENV.OSSAAT_TOKEN || '';
const SCENARIO = __ENV.SCENARIO || 'plan-api';
const PHASE = __ENV.PHASE || 'all';
const RUN = `${Date.now().toString(36)}-${PHASE}`;
// the diff the careful and default agents' apply_changes applies: the engine refuses their plans without one
const PATCH = '--- /dev/null\n+++ b/NEW.md\n@@ -0,0 +1 @@\n+k6\n';

const rate = SCENARIO === 'health' ? cfg.healthRate : cfg.planRate;
const exec_ = SCENARIO === 'health' ? 'health' : 'planUser';
const vus = Math.max(20, Math.ceil(rate / 5));

function scenarios() {
  const warmup = {
    executor: 'ramping-arrival-rate',
    exec: exec_,
    startRate: Math.max(1, Math.floor(rate / 10)),
    timeUnit: '1s',
    stages: [{ target: rate, duration: `${cfg.warmUpSeconds}s` }],
    preAllocatedVUs: vus,
    maxVUs: vus * 4,
    tags: { phase: 'warmup' },
  };
  const judged = {
    executor: 'constant-arrival-rate',
    exec: exec_,
    rate: rate,
    timeUnit: '1s',
    duration: `${cfg.judgedSeconds}s`,
    preAllocatedVUs: vus,
    maxVUs: vus * 4,
    startTime: PHASE === 'all' ? `${cfg.warmUpSeconds}s` : '0s',
    tags: { phase: 'judged' },
  };
  if (PHASE === 'warmup') return { warmup };
  if (PHASE === 'judged') return { judged };
  return { warmup, judged };
}

// Thresholds only on what this scenario calls: a k6 threshold on a sub-metric nobody fed fails nothing, but
// listing healthz thresholds in the plan run would read as if they had been judged.
function thresholds() {
  if (PHASE === 'warmup') return {};
  const own = SCENARIO === 'health' ? ['healthz'] : ['create_plan', 'replay_create', 'get_plan', 'list_plans', 'approve_step'];
  const out = {};
  for (const [metric, rules] of Object.entries(cfg.thresholds)) {
    const route = /route:([a-z_]+)/.exec(metric);
    if (!route || own.includes(route[1])) out[metric] = rules;
  }
  return out;
}

export const options = {
  scenarios: scenarios(),
  thresholds: thresholds(),
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
  discardResponseBodies: false,
  noConnectionReuse: false,
};

const headers = {
  'Content-Type': 'application/json',
  Accept: 'application/json',
  ...(TOKEN ? { Authorization: `Bearer ${TOKEN}` } : {}),
};

function params(route, extra = {}) {
  return { headers: { ...headers, ...(extra.headers || {}) }, tags: { route, name: route } };
}

// Whether the engine has the approve route: approving a step that is not waiting answers 409 when it has;
// 404/405 means the step runtime with approvals has not landed yet, and approvals are then skipped.
export function setup() {
  if (SCENARIO === 'health') return { approveAvailable: false };
  const res = http.post(`${BASE}/v1/plans`, JSON.stringify({ goal: 'k6 approve probe', inputs: { patch: PATCH } }),
    params('probe', { headers: { 'Idempotency-Key': `k6-${RUN}-probe` } }));
  if (res.status !== 201) throw new Error(`creating a plan answered ${res.status}: ${res.body}`);
  const plan = res.json();
  const approve = http.post(`${BASE}/v1/plans/${plan.id}/steps/${plan.steps[0].id}/approve`, '{}',
    { ...params('probe'), responseCallback: http.expectedStatuses(200, 404, 405, 409) });
  const approveAvailable = approve.status === 409 || approve.status === 200;
  console.log(`approve API ${approveAvailable ? 'present' : `not available yet (${approve.status})`}`);
  return { approveAvailable };
}

export function health() {
  const res = http.get(`${BASE}/healthz`, params('healthz'));
  check(res, { 'healthz 200 ok': (r) => r.status === 200 && r.json('status') === 'ok' });
}

export function planUser(data) {
  const key = `k6-${RUN}-${exec.vu.idInTest}-${exec.vu.iterationInScenario}`;
  const body = JSON.stringify({ goal: `k6 load test plan ${key}`, agent: 'careful', inputs: { testCommand: 'true', patch: PATCH }, labels: { source: 'k6' } });
  const created = http.post(`${BASE}/v1/plans`, body, params('create_plan', { headers: { 'Idempotency-Key': key } }));
  if (!check(created, { 'create 201': (r) => r.status === 201 })) return;
  const id = created.json('id');

  const got = http.get(`${BASE}/v1/plans/${id}`, params('get_plan'));
  check(got, { 'get 200 same plan': (r) => r.status === 200 && r.json('id') === id });

  const dice = Math.random() * 100;
  if (dice < 10) {
    const replay = http.post(`${BASE}/v1/plans`, body, params('replay_create', { headers: { 'Idempotency-Key': key } }));
    check(replay, {
      'replay 200 same plan': (r) => r.status === 200 && r.json('id') === id && r.headers['Idempotent-Replayed'] === 'true',
    });
  } else if (dice < 20) {
    const list = http.get(`${BASE}/v1/plans?limit=20`, params('list_plans'));
    check(list, { 'list 200': (r) => r.status === 200 && Array.isArray(r.json('items')) });
  } else if (dice < 25 && data.approveAvailable) {
    for (let i = 0; i < 5; i++) {
      const plan = http.get(`${BASE}/v1/plans/${id}`, params('get_plan')).json();
      const waiting = (plan.steps || []).find((s) => s.state === 'waiting_approval');
      if (waiting) {
        const ok = http.post(`${BASE}/v1/plans/${id}/steps/${waiting.id}/approve`,
          JSON.stringify({ rationale: 'approved by the k6 load test' }),
          { ...params('approve_step'), responseCallback: http.expectedStatuses(200, 409) });
        check(ok, { 'approve 200/409': (r) => r.status === 200 || r.status === 409 });
        break;
      }
      sleep(0.2);
    }
  }
}

export function handleSummary(data) {
  const file = __ENV.SUMMARY || `k6-${SCENARIO}-${PHASE}-summary.json`;
  return { [file]: JSON.stringify(data, null, 2), stdout: textSummary(data, { indent: ' ', enableColors: false }) };
}
