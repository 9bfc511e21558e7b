import * as vscode from 'vscode';
import { createAgentToken, mcpAccess } from '../api/agentToken';
import { mcpEndpoint } from '../api/engineClient';
import { toEngineError } from '../api/engineError';
import type { Settings } from '../configuration/settings';
import type { TokenStore } from '../configuration/tokenStore';
import { type ModelToken, obtainModelToken } from './modelToken';

/** The id in package.json's contributes.mcpServerDefinitionProviders. */
export const PROVIDER_ID = 'ossaat.engine';

/**
 * Offers the engine to Copilot's agent mode as an MCP server (Streamable HTTP at ossaat.url + /mcp). The
 * Authorization header carries an agent-role token made for the model, so it can propose plans but not decide on
 * steps. Where no agent token can serve (no token roles, or /mcp refuses agent tokens) the model gets the user's
 * token only after the user agreed, each time the server starts.
 */
export function registerMcpServerProvider(
  tokens: TokenStore,
  settings: () => Settings,
  version: string,
): { disposable: vscode.Disposable; urlChanged(): void } {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.McpServerDefinitionProvider<vscode.McpHttpServerDefinition> = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => {
      try {
        return [new vscode.McpHttpServerDefinition('ossaat', vscode.Uri.parse(mcpEndpoint(settings().url).href), {}, version)];
      } catch {
        return []; // a malformed ossaat.url: the connect command says what is wrong
      }
    },
    resolveMcpServerDefinition: async (server) => {
      const url = settings().url;
      try {
        const result = await obtainModelToken({
          storedAgentToken: () => tokens.agentToken(url),
          storeAgentToken: (token) => tokens.setAgentToken(url, token),
          forgetAgentToken: () => tokens.forgetAgentToken(url),
          userToken: () => tokens.obtainUserToken(url, settings().dataDir),
          createAgentToken: (user) => createAgentToken(url, user, `vscode-copilot@${vscode.env.machineId.slice(0, 8)}`),
          mcpAccess: (token) => mcpAccess(url, token),
        });
        const token = await consented(result);
        if (!token) {
          return undefined;
        }
        server.headers = { ...server.headers, Authorization: `Bearer ${token}` };
        return server;
      } catch (e) {
        const error = toEngineError(e, url);
        void vscode.window.showErrorMessage(`ossaat MCP server not started: ${error.describe()}`);
        return undefined;
      }
    },
  };
  return {
    disposable: vscode.Disposable.from(vscode.lm.registerMcpServerDefinitionProvider(PROVIDER_ID, provider), changed),
    urlChanged: () => changed.fire(), // a new URL is a new server definition
  };
}

/** The token the model may have: the agent token, or the user's after a yes in a modal dialog; else undefined. */
async function consented(result: ModelToken): Promise<string | undefined> {
  switch (result.kind) {
    case 'agent':
      return result.token;
    case 'userTokenOnly': {
      const give = 'Give my token';
      const answer = await vscode.window.showWarningMessage(
        `ossaat: ${result.reason}, so Copilot cannot get a restricted agent token.`,
        { modal: true, detail: 'With your token the model could also approve, reject and cancel steps. An engine with token roles that accepts agent tokens on /mcp avoids this.' },
        give);
      return answer === give ? result.token : undefined;
    }
    case 'none':
      void vscode.window.showErrorMessage(`ossaat MCP server not started: ${result.reason}.`);
      return undefined;
  }
}
