import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** Why talking to the engine failed; every failure the user can see is one of these. */
export type EngineErrorKind =
  | 'unreachable' // nothing listens at the URL
  | 'connectionClosed' // the engine closed the connection before it answered (busy, restarting, or a kept-alive one)
  | 'unauthorized' // 401: no token or a wrong one
  | 'forbidden' // 403: Origin/Host refused, or the token lacks a role
  | 'notFound' // 404: the URL is not an ossaat engine's MCP endpoint
  | 'sessionExpired' // the engine restarted or dropped the MCP session
  | 'tool' // a tool answered isError: a missing plan, a state conflict, bad arguments
  | 'unexpected';

/** A failure with what happened and what the user can do next. */
export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly nextStep: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  /** The message and the next step, as one line for a notification or a terminal. */
  describe(): string {
    return this.nextStep ? `${this.message} ${this.nextStep}` : this.message;
  }
}

const START_HINT = 'Start it with `./ossaat serve` (or `./ossaat console`) in the ossaat repository, or set ossaat.url.';

/** Maps an HTTP status and the body's detail to an EngineError; the one place statuses become errors. */
export function fromStatus(status: number, url: string, detail: string): EngineError {
  const said = detail ? `: ${detail}` : '';
  switch (status) {
    case 401:
      return new EngineError('unauthorized', `The engine at ${url} refused the token (401)${said}.`,
        'Use the token in <data-dir>/token ("ossaat: Set token" in VS Code, OSSAAT_TOKEN for the CLI).', status);
    case 403:
      return /origin|host/i.test(detail)
        ? new EngineError('forbidden', `The engine at ${url} refused this client's Origin or Host (403)${said}.`,
          'Connect through a loopback name (127.0.0.1 or localhost), or add the host to the engine\'s allow-list.',
          status)
        : new EngineError('forbidden', `The engine at ${url} refused the request (403)${said}.`,
          'Use a token whose role the engine allows here (an approver or owner token to decide on steps).', status);
    case 404:
      return /session/i.test(detail)
        ? new EngineError('sessionExpired', `The engine at ${url} no longer knows this MCP session${said}.`,
          'Reconnect with "ossaat: Connect".', status)
        : new EngineError('notFound', `Nothing answers MCP at ${url} (404).`,
          'Check ossaat.url: it is the engine\'s base URL, e.g. http://127.0.0.1:7070.', status);
    default:
      return new EngineError('unexpected', `The engine at ${url} answered ${status}${said}.`,
        status >= 500 ? 'See the engine\'s log.' : '', status);
  }
}

/** Turns anything thrown while talking to the engine into an EngineError. */
export function toEngineError(e: unknown, url: string): EngineError {
  if (e instanceof EngineError) {
    return e;
  }
  if (e instanceof StreamableHTTPError && typeof e.code === 'number' && e.code > 0) {
    return fromStatus(e.code, url, problemDetail(e.message.replace(/^.*?(Error POSTing to endpoint|Failed to open SSE stream):\s*/, '')));
  }
  const code = connectionErrorCode(e);
  if (code && CLOSED.has(code)) {
    return new EngineError('connectionClosed', `The engine at ${url} closed the connection before it answered (${code}).`,
      'It is running but was busy or restarting: try again.');
  }
  if (code || (e instanceof TypeError && /fetch failed/i.test(e.message))) {
    return new EngineError('unreachable', `No ossaat engine answers at ${url}.`, START_HINT);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new EngineError('unexpected', `Talking to the engine at ${url} failed: ${message}`, '');
}

/** The `detail` (or `title`) of a problem+json body, else the text itself, shortened. */
export function problemDetail(text: string): string {
  try {
    const body = JSON.parse(text) as { detail?: unknown; title?: unknown; error?: { message?: unknown } };
    const detail = body.detail ?? body.error?.message ?? body.title;
    if (typeof detail === 'string') {
      return detail;
    }
  } catch {
    // not JSON: use the text
  }
  return text.trim().slice(0, 200);
}

/** Connection errors of an engine that is there but ended the connection; the other codes mean nothing answers. */
const CLOSED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const CONNECTION_CODES = new Set([...CLOSED, 'ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT']);

/** The connection error's code on the error or one of its causes (fetch wraps it in a TypeError). */
function connectionErrorCode(e: unknown): string | undefined {
  for (let cause: unknown = e, depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) {
      return code;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}
