import * as vscode from 'vscode';

/** The extension's settings with their typed defaults; the one place that reads them. */
export interface Settings {
  /** The engine's base URL. */
  url: string;
  /** A data dir whose `token` file to offer when no token is stored (empty: ~/.ossaat). */
  dataDir: string;
  /** Seconds between SLO status polls. */
  sloRefreshSeconds: number;
}

export const DEFAULTS: Settings = { url: 'http://127.0.0.1:7070', dataDir: '', sloRefreshSeconds: 30 };

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration('ossaat');
  return {
    url: config.get<string>('url')?.trim() || DEFAULTS.url,
    dataDir: config.get<string>('dataDir')?.trim() ?? DEFAULTS.dataDir,
    sloRefreshSeconds: Math.max(5, config.get<number>('sloRefreshSeconds') ?? DEFAULTS.sloRefreshSeconds),
  };
}

/** Calls `listener` with the new settings whenever one of ours changes. */
export function onDidChangeSettings(listener: (settings: Settings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('ossaat')) {
      listener(readSettings());
    }
  });
}
