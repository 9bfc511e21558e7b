import * as vscode from 'vscode';
import type { Deps } from './deps';

/** ossaat.setToken: asks for the user's token for ossaat.url, stores it in SecretStorage and reconnects. */
export function registerSetToken(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('ossaat.setToken', async () => {
    if (await deps.tokens.askUserToken(deps.connection.url)) {
      await vscode.commands.executeCommand('ossaat.connect');
    }
  });
}
