import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff } from './backoff';
import { EngineError } from './engineError';
import { type LiveState, LiveEvents, type OpenStream, type Timers } from './liveEvents';
import type { PlanEvent } from './types';

/** Timers the test fires by hand: no test waits for a clock. */
class ManualTimers implements Timers {
  pending: { fn: () => void; ms: number; id: number }[] = [];
  private next = 0;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.next;
    this.pending.push({ fn, ms, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((t) => t.id !== handle);
  }
  fire(): number {
    const timer = this.pending.shift();
    assert.ok(timer, 'a retry is scheduled');
    timer.fn();
    return timer.ms;
  }
}

type Attempt = Parameters<OpenStream>[0];

/** An OpenStream whose every opening the test ends by hand. */
function scriptedStream() {
  const attempts: { args: Attempt; end(error?: Error): void }[] = [];
  const open: OpenStream = (args) => new Promise<void>((resolve, reject) => {
    attempts.push({ args, end: (error) => (error ? reject(error) : resolve()) });
  });
  return { open, attempts };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup() {
  const stream = scriptedStream();
  const timers = new ManualTimers();
  const events: PlanEvent[] = [];
  const states: LiveState['kind'][] = [];
  const live = new LiveEvents(stream.open, { onEvent: (e) => events.push(e), onState: (s) => states.push(s.kind) },
    new Backoff(1_000, 4_000, () => 0.5), timers);
  return { live, timers, events, states, attempts: stream.attempts };
}

test('a stream that fails is reopened with growing backoff until it is live', async () => {
  const { live, timers, states, attempts } = setup();
  live.start();
  attempts[0].end(new EngineError('unreachable', 'down', ''));
  await settle();
  assert.equal(live.current.kind, 'waiting');
  assert.equal(timers.fire(), 1_000);
  attempts[1].end(new EngineError('unreachable', 'down', ''));
  await settle();
  assert.equal(timers.fire(), 2_000);
  attempts[2].args.onOpen();
  assert.deepEqual(states, ['connecting', 'waiting', 'connecting', 'waiting', 'connecting', 'live']);
  live.stop();
});

test('a reopened stream resumes after the last event seen', async () => {
  const { live, timers, events, attempts } = setup();
  live.start();
  assert.equal(attempts[0].args.lastEventId, undefined);
  attempts[0].args.onOpen();
  attempts[0].args.onEvent({ id: '41', planId: 'p1', state: 'running' });
  attempts[0].args.onEvent({ id: 'opaque-42', planId: 'p1', stepId: 's', state: 'completed' });
  attempts[0].end(); // the engine closed the stream
  await settle();
  timers.fire();
  assert.equal(attempts[1].args.lastEventId, 'opaque-42');
  assert.deepEqual(events.map((e) => e.id), ['41', 'opaque-42']);
  live.stop();
});

test('a stream that was live starts the backoff over', async () => {
  const { live, timers, attempts } = setup();
  live.start();
  attempts[0].end(new Error('down'));
  await settle();
  assert.equal(timers.fire(), 1_000);
  attempts[1].end(new Error('down'));
  await settle();
  assert.equal(timers.fire(), 2_000);
  attempts[2].args.onOpen();
  attempts[2].end(new Error('dropped'));
  await settle();
  assert.equal(timers.fire(), 1_000);
  live.stop();
});

test('stop cancels the pending retry and ignores what the old stream still delivers', async () => {
  const { live, timers, events, attempts } = setup();
  live.start();
  attempts[0].end(new Error('boom'));
  await settle();
  assert.equal(timers.pending.length, 1);
  live.stop();
  assert.equal(timers.pending.length, 0);
  assert.equal(live.current.kind, 'stopped');

  live.start();
  attempts[1].args.onOpen();
  live.stop();
  assert.equal(attempts[1].args.signal.aborted, true);
  attempts[1].args.onEvent({ id: '1', planId: 'p', state: 'running' });
  attempts[1].end();
  await settle();
  assert.deepEqual(events, []);
  assert.equal(timers.pending.length, 0);
});
