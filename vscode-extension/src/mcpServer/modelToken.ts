import type { AgentToken, McpAccess } from '../api/agentToken';

/** The token the language model gets, and whether it is a restricted one. */
export type ModelToken =
  | { kind: 'agent'; token: string }
  /** No restricted token works on this engine's /mcp: only the user's own does; hand it over only with consent. */
  | { kind: 'userTokenOnly'; token: string; reason: string }
  | { kind: 'none'; reason: string };

export interface ModelTokenDeps {
  storedAgentToken(): PromiseLike<string | undefined>;
  storeAgentToken(token: string): PromiseLike<void>;
  forgetAgentToken(): PromiseLike<void>;
  userToken(): PromiseLike<string | undefined>;
  createAgentToken(userToken: string): Promise<AgentToken>;
  mcpAccess(token: string): Promise<McpAccess>;
}

/**
 * The agent-role token made for the language model: the stored one while the engine accepts it on /mcp, else a new
 * one created with the user's token. Never the user's token itself, unless the engine has no token roles or lets
 * no agent token use /mcp, which the result says so the caller can ask first.
 */
export async function obtainModelToken(deps: ModelTokenDeps): Promise<ModelToken> {
  const stored = await deps.storedAgentToken();
  if (stored) {
    const access = await deps.mcpAccess(stored);
    if (access.kind !== 'unauthorized') {
      return usable(stored, access, deps);
    }
    await deps.forgetAgentToken(); // revoked, or the engine has a new data dir
  }
  const user = await deps.userToken();
  if (!user) {
    return { kind: 'none', reason: 'no ossaat token is stored; run "ossaat: Connect" first' };
  }
  const created = await deps.createAgentToken(user);
  if (created.kind === 'unsupported') {
    return { kind: 'userTokenOnly', token: user, reason: created.reason };
  }
  await deps.storeAgentToken(created.token);
  return usable(created.token, await deps.mcpAccess(created.token), deps);
}

async function usable(agent: string, access: McpAccess, deps: ModelTokenDeps): Promise<ModelToken> {
  if (access.kind === 'ok') {
    return { kind: 'agent', token: agent };
  }
  const user = await deps.userToken();
  const why = access.kind === 'forbidden' ? access.detail : 'the engine did not accept the agent token it just made';
  return user
    ? { kind: 'userTokenOnly', token: user, reason: `the engine refuses agent tokens on /mcp (${why})` }
    : { kind: 'none', reason: why };
}
