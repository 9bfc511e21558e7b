import { createParser } from 'eventsource-parser';
import { baseUrl } from './engineClient';
import { fromStatus, problemDetail, toEngineError } from './engineError';
import type { PlanEvent } from './types';

export interface EventStreamOptions {
  url: string;
  token: string;
  /** Resume after this event (the `id:` of the last one seen); without it only new events come. */
  lastEventId?: string;
  signal: AbortSignal;
  /** Called once the engine accepted the stream. */
  onOpen(): void;
  onEvent(event: PlanEvent): void;
}

/**
 * Reads the engine's global event stream (GET /v1/events) until it ends or `signal` aborts. Resolves when the
 * engine closed the stream or on abort; rejects with an EngineError when it could not be opened or broke.
 */
export async function readPlanEvents(options: EventStreamOptions): Promise<void> {
  const base = baseUrl(options.url);
  const url = options.lastEventId === undefined ? `${base}/v1/events?tail=0` : `${base}/v1/events`;
  const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${options.token}` };
  if (options.lastEventId !== undefined) {
    headers['Last-Event-ID'] = options.lastEventId;
  }
  try {
    const response = await fetch(url, { headers, signal: options.signal });
    if (!response.ok || !response.body) {
      throw fromStatus(response.status, url, problemDetail(await response.text()));
    }
    options.onOpen();
    const parser = createParser({
      onEvent(message) {
        const event = parsePlanEvent(message.id, message.event, message.data);
        if (event) {
          options.onEvent(event);
        }
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    }
  } catch (e) {
    if (options.signal.aborted) {
      return;
    }
    throw toEngineError(e, url);
  }
}

/** One SSE message as a PlanEvent, or undefined for other events and malformed data. */
export function parsePlanEvent(id: string | undefined, name: string | undefined, data: string): PlanEvent | undefined {
  if (name !== 'plan.step' || id === undefined) {
    return undefined;
  }
  try {
    const body = JSON.parse(data) as { planId?: unknown; stepId?: unknown; state?: unknown };
    if (typeof body.planId !== 'string' || typeof body.state !== 'string') {
      return undefined;
    }
    return {
      id,
      planId: body.planId,
      stepId: typeof body.stepId === 'string' ? body.stepId : undefined,
      state: body.state,
    };
  } catch {
    return undefined;
  }
}
