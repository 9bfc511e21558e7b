import { baseUrl, EngineClient } from './engineClient';
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

/** What the MCP endpoint says to a token: usable, unknown (401: revoked, or another data dir), or refused (403). */
export type McpAccess = { kind: 'ok' } | { kind: 'unauthorized' } | { kind: 'forbidden'; detail: string };

/** Opens and closes an MCP session with `token` to learn whether the language model could use it. */
export async function mcpAccess(url: string, token: string): Promise<McpAccess> {
  try {
    const client = await EngineClient.connect({ url, token, clientName: 'ossaat-vscode-probe' });
    await client.close();
    return { kind: 'ok' };
  } catch (e) {
    const error = toEngineError(e, url);
    if (error.kind === 'unauthorized') {
      return { kind: 'unauthorized' };
    }
    if (error.kind === 'forbidden') {
      return { kind: 'forbidden', detail: error.message };
    }
    throw error;
  }
}
