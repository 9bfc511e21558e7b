import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { baseUrl } from '../api/engineClient';
import { discoverToken, tokenPaths } from './tokenDiscovery';

/** Tokens in SecretStorage, one per engine URL: the user's own and the one made for the language model. */
export class TokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  userToken(url: string): Thenable<string | undefined> {
    return this.secrets.get(key('token', url));
  }

  setUserToken(url: string, token: string): Thenable<void> {
    return this.secrets.store(key('token', url), token.trim());
  }

  agentToken(url: string): Thenable<string | undefined> {
    return this.secrets.get(key('agentToken', url));
  }

  setAgentToken(url: string, token: string): Thenable<void> {
    return this.secrets.store(key('agentToken', url), token);
  }

  forgetAgentToken(url: string): Thenable<void> {
    return this.secrets.delete(key('agentToken', url));
  }

  /**
   * The stored user token; when there is none, offers the token file of the data dir (ossaat.dataDir, else
   * ~/.ossaat) or asks for one, and stores the answer. Undefined when the user declined.
   */
  async obtainUserToken(url: string, dataDir: string): Promise<string | undefined> {
    const stored = await this.userToken(url);
    if (stored) {
      return stored;
    }
    const found = await discoverToken(tokenPaths(dataDir, os.homedir()), (p) => fs.readFile(p, 'utf8'));
    if (found) {
      const use = 'Use it';
      const answer = await vscode.window.showInformationMessage(
        `No ossaat token is stored for ${baseUrl(url)}. Use the token in ${found.path}?`, use, 'Enter another…');
      if (answer === use) {
        await this.setUserToken(url, found.token);
        return found.token;
      }
      if (answer === undefined) {
        return undefined;
      }
    }
    return this.askUserToken(url);
  }

  /** Asks for the token once and stores it. */
  async askUserToken(url: string): Promise<string | undefined> {
    const token = await vscode.window.showInputBox({
      title: `ossaat token for ${baseUrl(url)}`,
      prompt: 'The engine prints it once at first start and keeps it in <data-dir>/token (e.g. ~/.ossaat/token).',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : 'The token is required'),
    });
    if (token?.trim()) {
      await this.setUserToken(url, token);
      return token.trim();
    }
    return undefined;
  }
}

function key(kind: 'token' | 'agentToken', url: string): string {
  return `ossaat.${kind}:${baseUrl(url)}`;
}
