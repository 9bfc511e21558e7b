import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The repository root (this file runs from vscode-extension/out/testkit). */
export const REPO = path.resolve(__dirname, '..', '..', '..');

export interface RunningEngine {
  url: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts a real `./ossaat serve --port 0` on a temporary data dir, waits for its `ready: URL` line, and stops it by
 * its PID (SIGTERM, which also stops its embedded Postgres and Redis).
 */
export async function startEngine(timeoutMs = 180_000): Promise<RunningEngine> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ossaat-vscode-test-'));
  const child = spawn(path.join(REPO, 'ossaat'), ['serve', '--port', '0', '--data-dir', dataDir],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log = (log + chunk).slice(-4_000); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine not ready within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const ready = /ready: (http:\/\/\S+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code} before it was ready:\n${log}`));
    });
  });
  return {
    url,
    dataDir,
    token: readFileSync(path.join(dataDir, 'token'), 'utf8').trim(),
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const killer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 30_000);
  await exited;
  clearTimeout(killer);
}

/** A fresh git repository with one commit, as the engine wants a plan's workspace; the caller removes it. */
export function gitWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ossaat-vscode-ws-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=ossaat test', '-c', 'user.email=test@ossaat.invalid', ...args]);
  git('init', '-q');
  git('commit', '-q', '--allow-empty', '-m', 'start');
  return dir;
}
