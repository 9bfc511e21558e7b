import * as vscode from 'vscode';
import { readPlanEvents } from './api/eventStream';
import { LiveEvents } from './api/liveEvents';
import { registerCancelPlan } from './commands/cancelPlan';
import { registerConnect } from './commands/connect';
import { registerDecideStep } from './commands/decideStep';
import type { Deps } from './commands/deps';
import { registerNewPlan } from './commands/newPlan';
import { registerOpenPlan } from './commands/openPlan';
import { registerRefreshPlans } from './commands/refreshPlans';
import { registerSetToken } from './commands/setToken';
import { registerShowSlos } from './commands/showSlos';
import { onDidChangeSettings, readSettings } from './configuration/settings';
import { TokenStore } from './configuration/tokenStore';
import { Connection, type ConnectionState } from './connection';
import { registerMcpServerProvider } from './mcpServer/mcpServerProvider';
import { SloStatusBar } from './statusBar/sloStatusBar';
import { PatchDocuments, PLAN_SCHEME, PlanDocuments } from './treeViews/planDocuments';
import { PlanTree } from './treeViews/planTree';
import { PlansController } from './treeViews/plansController';
import { PlansTreeProvider } from './treeViews/plansTreeProvider';

export function activate(context: vscode.ExtensionContext): void {
  const version = String(context.extension.packageJSON.version ?? '0.0.0');

  // Settings, tokens and the one MCP session
  const tokens = new TokenStore(context.secrets);
  const connection = new Connection(tokens, readSettings, version);

  // Plans view, live from the engine's event stream
  const tree = new PlanTree();
  const view = new PlansTreeProvider(tree);
  const plans = new PlansController(tree, () => connection.client, () => view.changed());
  const live = new LiveEvents(
    (args) => readPlanEvents({ url: connection.url, token: connection.token ?? '', ...args }),
    { onEvent: (event) => void plans.onEvent(event), onState: (state) => plans.onLiveState(state) });
  const documents = new PlanDocuments(connection);
  const patches = new PatchDocuments();

  // SLO status bar
  const slo = new SloStatusBar(connection);

  // The engine's MCP server for Copilot, with a token made for the model
  const mcpServer = registerMcpServerProvider(tokens, readSettings, version);

  // Commands
  const deps: Deps = { connection, tokens, plans, slo, documents, patches };

  context.subscriptions.push(
    connection, view, slo, documents, mcpServer.disposable, { dispose: () => live.stop() },
    vscode.window.createTreeView('ossaat.plans', { treeDataProvider: view, showCollapseAll: true }),
    vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, documents),
    vscode.workspace.registerTextDocumentContentProvider(PatchDocuments.scheme, patches),
    registerConnect(deps),
    registerSetToken(deps),
    registerRefreshPlans(deps),
    registerNewPlan(deps),
    registerDecideStep(deps),
    registerCancelPlan(deps),
    registerOpenPlan(deps),
    registerShowSlos(deps),
    connection.onDidChange((state) => onConnection(state, { plans, live, slo })),
    onDidChangeSettings(() => {
      mcpServer.urlChanged();
      void connection.connect(false);
    }),
  );

  // Connect quietly with a stored token; without one the view offers "Connect"
  plans.notConnected();
  void connection.connect(false);
}

/** Everything that follows the connection: the live stream, the plans, the SLO poll. */
function onConnection(state: ConnectionState, parts: { plans: PlansController; live: LiveEvents; slo: SloStatusBar }): void {
  void vscode.commands.executeCommand('setContext', 'ossaat.connected', state.kind === 'connected');
  switch (state.kind) {
    case 'connected':
      parts.live.start();
      parts.slo.start(readSettings().sloRefreshSeconds);
      void parts.plans.refresh();
      break;
    case 'failed':
      parts.live.stop();
      parts.slo.stop();
      parts.plans.showError(state.error);
      break;
    case 'disconnected':
      parts.live.stop();
      parts.slo.stop();
      break;
    case 'connecting':
      break;
  }
}

export function deactivate(): void {
  // every disposable is in context.subscriptions; VS Code disposes them
}
