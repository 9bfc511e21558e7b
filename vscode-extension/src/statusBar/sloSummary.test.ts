import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SloStatus } from '../api/types';
import { pickItem, sloLevel, statusText, worstLevel } from './sloSummary';

function slo(name: string, over: Partial<SloStatus> = {}): SloStatus {
  return { name, objective: 0.999, sli: 1, budgetRemaining: 1, burnRates: { '5m': 0, '1h': 0 }, alert: 'NONE',
    budgetExhausted: false, enoughData: true, ...over };
}

test('the worst SLO decides the status: a spent budget pages like a page alert', () => {
  assert.equal(worstLevel([]), 'ok');
  assert.equal(worstLevel([slo('a'), slo('b', { alert: 'TICKET' })]), 'ticket');
  assert.equal(worstLevel([slo('a', { alert: 'TICKET' }), slo('b', { alert: 'PAGE' })]), 'page');
  assert.equal(sloLevel(slo('a', { budgetExhausted: true })), 'page');
});

test('the status text names the level and how many SLOs are at it', () => {
  assert.equal(statusText([slo('a')]), '$(pulse) SLO ok');
  assert.equal(statusText([slo('a', { alert: 'TICKET' }), slo('b', { alert: 'TICKET' }), slo('c')]), '$(warning) SLO ticket (2)');
  assert.equal(statusText([slo('a', { alert: 'PAGE' })]), '$(error) SLO page (1)');
});

test('a quick pick row shows SLI against objective, budget left and the burn rates', () => {
  const item = pickItem(slo('api-availability', { sli: 0.9995, budgetRemaining: 0.5, burnRates: { '5m': 14.4, '1h': 2 }, alert: 'PAGE' }));
  assert.equal(item.label, '$(error) api-availability');
  assert.equal(item.description, 'page · SLI 99.950 % of 99.900 % · budget left 50 %');
  assert.equal(item.detail, 'burn rate 5m 14.4x · 1h 2.0x');
  assert.match(pickItem(slo('quiet', { enoughData: false })).description, /too few events/);
});
