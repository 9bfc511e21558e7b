import * as vscode from 'vscode';
import type { Connection } from '../connection';

export const PLAN_SCHEME = 'ossaat-plan';

/** The read-only document of a plan: its JSON as get_plan returns it, read again each time it is opened. */
export class PlanDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changes.event;

  constructor(private readonly connection: Connection) {}

  /** Opens the plan's document, telling VS Code to read it again if it is open already. */
  open(planId: string): Thenable<vscode.TextDocument> {
    const uri = PlanDocuments.uri(planId);
    this.changes.fire(uri);
    return vscode.workspace.openTextDocument(uri);
  }

  dispose(): void {
    this.changes.dispose();
  }

  static uri(planId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${planId}.json` });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const planId = uri.path.replace(/^\//, '').replace(/\.json$/, '');
    return JSON.stringify(await this.connection.require().getPlan(planId), null, 2);
  }
}

/** A read-only document holding a step's patch, shown before the decision. */
export class PatchDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'ossaat-patch';
  private readonly patches = new Map<string, string>();

  show(planId: string, stepId: string, patch: string): Thenable<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: PatchDocuments.scheme, path: `/${planId}/${stepId}.diff` });
    this.patches.set(uri.toString(), patch);
    return vscode.workspace.openTextDocument(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.patches.get(uri.toString()) ?? '';
  }
}
