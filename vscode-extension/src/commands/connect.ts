import * as vscode from 'vscode';
import { type Deps, notifyError } from './deps';

/** ossaat.connect: opens the MCP session and reports the server, or exactly why it could not. */
export function registerConnect(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('ossaat.connect', async () => {
    const state = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `ossaat: connecting to ${deps.connection.url}` },
      () => deps.connection.connect(true));
    if (state.kind === 'connected') {
      const { info } = state;
      void vscode.window.showInformationMessage(
        `ossaat: connected to ${info.name} ${info.version} at ${deps.connection.url} (MCP ${info.protocolVersion}); tools: ${info.tools.join(', ')}.`);
    } else if (state.kind === 'failed') {
      await notifyError('connect', state.error);
    }
  });
}
