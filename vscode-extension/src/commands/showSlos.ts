import * as vscode from 'vscode';
import { type Deps, run } from './deps';

/** ossaat.showSlos: every SLO with SLI, budget left and burn rates in a quick pick. */
export function registerShowSlos(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('ossaat.showSlos', () => run('SLOs', async () => {
    deps.connection.require();
    await deps.slo.showPick();
  }));
}
