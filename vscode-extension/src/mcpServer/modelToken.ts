import type { AgentToken } from '../api/agentToken';

/** The token the language model gets, and whether it is a restricted one. */
export type ModelToken =
  | { kind: 'agent'; token: string }
  /** The engine has no token roles: only the user's own token exists; hand it over only with consent. */
  | { kind: 'userTokenOnly'; token: string; reason: string }
  | { kind: 'none'; reason: string };

export interface ModelTokenDeps {
  storedAgentToken(): PromiseLike<string | undefined>;
  storeAgentToken(token: string): PromiseLike<void>;
  forgetAgentToken(): PromiseLike<void>;
  userToken(): PromiseLike<string | undefined>;
  createAgentToken(userToken: string): Promise<AgentToken>;
  tokenAccepted(token: string): Promise<boolean>;
}

/**
 * The agent-role token made for the language model: the stored one while the engine accepts it, else a new one
 * created with the user's token. Never the user's token itself, unless the engine has no roles, which the result
 * says so the caller can ask first.
 */
export async function obtainModelToken(deps: ModelTokenDeps): Promise<ModelToken> {
  const stored = await deps.storedAgentToken();
  if (stored) {
    if (await deps.tokenAccepted(stored)) {
      return { kind: 'agent', token: stored };
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
  return { kind: 'agent', token: created.token };
}
