import { baseUrl } from './engineClient';
import { fromStatus, problemDetail, toEngineError } from './engineError';

/** A token made for the language model, or why the engine cannot make one. */
export type AgentToken =
  | { kind: 'created'; token: string; id?: string }
  | { kind: 'unsupported'; reason: string };

/**
 * Asks the engine for an `agent`-role token (POST /v1/tokens, owner only), so a language model can create and read
 * plans but not decide on steps. An engine without token roles (404/405) yields `unsupported`.
 */
export async function createAgentToken(url: string, ownerToken: string, label: string): Promise<AgentToken> {
  const endpoint = `${baseUrl(url)}/v1/tokens`;
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ownerToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ role: 'agent', label }),
    });
  } catch (e) {
    throw toEngineError(e, endpoint);
  }
  const text = await response.text();
  if (response.status === 404 || response.status === 405) {
    return { kind: 'unsupported', reason: `the engine at ${baseUrl(url)} has no token roles (POST /v1/tokens answered ${response.status})` };
  }
  if (!response.ok) {
    throw fromStatus(response.status, endpoint, problemDetail(text));
  }
  const body = JSON.parse(text) as { token?: unknown; id?: unknown };
  if (typeof body.token !== 'string' || !body.token) {
    throw toEngineError(new Error('POST /v1/tokens answered without a token'), endpoint);
  }
  return { kind: 'created', token: body.token, id: typeof body.id === 'string' ? body.id : undefined };
}

/** Whether the engine still accepts a token (a stored agent token is gone after a new data dir or a revoke). */
export async function tokenAccepted(url: string, token: string): Promise<boolean> {
  const endpoint = `${baseUrl(url)}/v1/plans?limit=1`;
  try {
    const response = await fetch(endpoint, { headers: { Authorization: `Bearer ${token}` } });
    await response.body?.cancel();
    return response.status !== 401;
  } catch (e) {
    throw toEngineError(e, endpoint);
  }
}
