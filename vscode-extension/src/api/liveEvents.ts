import { Backoff } from './backoff';
import { EngineError, toEngineError } from './engineError';
import type { PlanEvent } from './types';

/** Where the live stream stands; the tree shows `waiting` as a message node with the reason. */
export type LiveState =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'waiting'; retryInMs: number; error: EngineError }
  | { kind: 'stopped' };

/** Opens the stream once; resolves when it ends, rejects when it cannot be opened or breaks. */
export type OpenStream = (args: {
  lastEventId?: string;
  signal: AbortSignal;
  onOpen(): void;
  onEvent(event: PlanEvent): void;
}) => Promise<void>;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Keeps an event stream open: reopens it after every end or failure with backoff, resuming after the last event
 * seen, until stopped. A stream that was live resets the backoff.
 */
export class LiveEvents {
  private state: LiveState = { kind: 'stopped' };
  private lastEventId: string | undefined;
  private attempt = 0;
  private abort: AbortController | undefined;
  private timer: unknown;
  private generation = 0;

  constructor(
    private readonly open: OpenStream,
    private readonly listener: { onEvent(event: PlanEvent): void; onState(state: LiveState): void },
    private readonly backoff = new Backoff(),
    private readonly timers: Timers = realTimers,
  ) {}

  get current(): LiveState {
    return this.state;
  }

  start(): void {
    if (this.state.kind === 'stopped') {
      this.attempt = 0;
      void this.run(++this.generation);
    }
  }

  stop(): void {
    this.generation++;
    this.abort?.abort();
    this.abort = undefined;
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.set({ kind: 'stopped' });
  }

  private async run(generation: number): Promise<void> {
    this.set({ kind: 'connecting' });
    const abort = new AbortController();
    this.abort = abort;
    let error: EngineError;
    try {
      await this.open({
        lastEventId: this.lastEventId,
        signal: abort.signal,
        onOpen: () => {
          if (generation === this.generation) {
            this.attempt = 0;
            this.set({ kind: 'live' });
          }
        },
        onEvent: (event) => {
          if (generation === this.generation) {
            this.lastEventId = event.id;
            this.listener.onEvent(event);
          }
        },
      });
      error = new EngineError('unreachable', 'The engine closed the event stream.', 'Reconnecting on its own.');
    } catch (e) {
      error = toEngineError(e, 'the event stream');
    }
    if (generation !== this.generation) {
      return; // stopped or restarted meanwhile
    }
    const retryInMs = this.backoff.delay(this.attempt++);
    this.set({ kind: 'waiting', retryInMs, error });
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (generation === this.generation) {
        void this.run(generation);
      }
    }, retryInMs);
  }

  private set(state: LiveState): void {
    this.state = state;
    this.listener.onState(state);
  }
}
