import * as vscode from 'vscode';
import { type PlanNode, type PlanTree, present } from './planTree';

/** The Plans view: PlanTree's nodes as tree items; a click on a plan opens its details, on a message its next step. */
export class PlansTreeProvider implements vscode.TreeDataProvider<PlanNode>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changes.event;

  constructor(private readonly tree: PlanTree) {}

  /** Redraws the whole tree (plans are few; the view keeps expansion by id). */
  changed(): void {
    this.changes.fire();
  }

  getChildren(node?: PlanNode): PlanNode[] {
    return node ? this.tree.children(node) : this.tree.roots();
  }

  getTreeItem(node: PlanNode): vscode.TreeItem {
    const look = present(node);
    const item = new vscode.TreeItem(look.label,
      node.kind === 'plan' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.kind === 'plan' ? node.plan.id : node.kind === 'step' ? `${node.plan.id}/${node.step.id}` : `message:${node.text}`;
    item.description = look.description;
    item.tooltip = look.tooltip;
    item.iconPath = new vscode.ThemeIcon(look.icon, look.color ? new vscode.ThemeColor(look.color) : undefined);
    item.contextValue = look.contextValue;
    if (node.kind === 'plan') {
      item.command = { command: 'ossaat.openPlan', title: 'Open plan', arguments: [node] };
    } else if (node.kind === 'message' && node.command) {
      item.command = { command: node.command, title: node.nextStep ?? node.text };
    }
    return item;
  }

  dispose(): void {
    this.changes.dispose();
  }
}
