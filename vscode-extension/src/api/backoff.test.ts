import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff } from './backoff';

test('backoff doubles from the first wait and stops at the cap', () => {
  const backoff = new Backoff(1_000, 8_000, () => 0.5); // 0.5 = no jitter
  assert.deepEqual([0, 1, 2, 3, 4, 50].map((a) => backoff.delay(a)), [1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
});

test('backoff jitters within ten percent either way', () => {
  assert.equal(new Backoff(1_000, 8_000, () => 0).delay(0), 900);
  assert.equal(new Backoff(1_000, 8_000, () => 1).delay(3), 8_800);
});

test('backoff refuses a cap below the first wait', () => {
  assert.throws(() => new Backoff(2_000, 1_000), RangeError);
});
