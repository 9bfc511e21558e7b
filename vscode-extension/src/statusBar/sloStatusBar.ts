import * as vscode from 'vscode';
import { toEngineError } from '../api/engineError';
import type { SloStatus } from '../api/types';
import type { Connection } from '../connection';
import { pickItem, statusText, worstLevel } from './sloSummary';

/** The status bar item with the worst SLO state, polled with get_slo_status; a click lists every SLO. */
export class SloStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ossaat.slo', vscode.StatusBarAlignment.Left, 50);
  private timer: ReturnType<typeof setInterval> | undefined;
  private slos: SloStatus[] = [];

  constructor(private readonly connection: Connection) {
    this.item.name = 'ossaat SLOs';
    this.item.command = 'ossaat.showSlos';
  }

  /** Polls every `seconds` while connected; hides the item otherwise. */
  start(seconds: number): void {
    this.stop();
    this.item.show();
    void this.poll();
    this.timer = setInterval(() => void this.poll(), seconds * 1000);
  }

  stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.item.hide();
  }

  async poll(): Promise<void> {
    const client = this.connection.client;
    if (!client) {
      return;
    }
    try {
      this.slos = await client.sloStatus();
      const worst = worstLevel(this.slos);
      this.item.text = statusText(this.slos);
      this.item.tooltip = 'ossaat service level objectives: click for SLI, budget left and burn rates';
      this.item.backgroundColor = worst === 'page' ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : worst === 'ticket' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    } catch (e) {
      this.item.text = '$(debug-disconnect) SLO ?';
      this.item.tooltip = toEngineError(e, this.connection.url).describe();
      this.item.backgroundColor = undefined;
    }
  }

  /** The quick pick of all SLOs, fresh. */
  async showPick(): Promise<void> {
    await this.poll();
    if (!this.slos.length) {
      void vscode.window.showInformationMessage('ossaat: no SLO status yet; is the engine connected?');
      return;
    }
    await vscode.window.showQuickPick(this.slos.map(pickItem), { title: 'ossaat SLOs', matchOnDescription: true, matchOnDetail: true });
  }

  dispose(): void {
    this.stop();
    this.item.dispose();
  }
}
