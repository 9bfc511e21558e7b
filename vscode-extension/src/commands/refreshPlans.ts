import * as vscode from 'vscode';
import type { Deps } from './deps';

/** ossaat.refreshPlans: reads the newest plans again (reconnecting first when not connected). */
export function registerRefreshPlans(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand('ossaat.refreshPlans', async () => {
    if (!deps.connection.client) {
      await deps.connection.connect(false);
    }
    await deps.plans.refresh();
  });
}
