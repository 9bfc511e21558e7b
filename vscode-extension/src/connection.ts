import * as vscode from 'vscode';
import { EngineClient, type EngineInfo } from './api/engineClient';
import { EngineError, toEngineError } from './api/engineError';
import type { Settings } from './configuration/settings';
import type { TokenStore } from './configuration/tokenStore';

export type ConnectionState =
  | { kind: 'disconnected' }
  | { kind: 'connecting' }
  | { kind: 'connected'; info: EngineInfo }
  | { kind: 'failed'; error: EngineError };

/** The one MCP session to the engine the extension uses for its own views and commands, with the user's token. */
export class Connection implements vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<ConnectionState>();
  readonly onDidChange = this.changes.event;
  private engine: EngineClient | undefined;
  private engineToken: string | undefined;
  private state: ConnectionState = { kind: 'disconnected' };

  constructor(
    private readonly tokens: TokenStore,
    private readonly settings: () => Settings,
    private readonly version: string,
  ) {}

  get current(): ConnectionState {
    return this.state;
  }

  get url(): string {
    return this.settings().url;
  }

  /** The token of the connected client (the event stream uses it too), or undefined. */
  get token(): string | undefined {
    return this.engine ? this.engineToken : undefined;
  }

  /** The connected client, or undefined. */
  get client(): EngineClient | undefined {
    return this.engine;
  }

  /** The connected client; throws an EngineError saying how to connect when there is none. */
  require(): EngineClient {
    if (!this.engine) {
      throw new EngineError('unreachable', 'Not connected to an ossaat engine.', 'Run "ossaat: Connect".');
    }
    return this.engine;
  }

  /** The user's token for the current URL (asking for it when `interactive`). */
  async userToken(interactive: boolean): Promise<string | undefined> {
    const { url, dataDir } = this.settings();
    return interactive ? this.tokens.obtainUserToken(url, dataDir) : this.tokens.userToken(url);
  }

  /**
   * (Re)connects with the stored token (asking for one when `interactive`). Resolves to the new state; never
   * throws: a failure is a `failed` state with the reason.
   */
  async connect(interactive: boolean): Promise<ConnectionState> {
    const { url } = this.settings();
    await this.disconnect();
    const token = await this.userToken(interactive);
    if (!token) {
      return this.set({ kind: 'failed', error: new EngineError('unauthorized', `No ossaat token is stored for ${url}.`, 'Run "ossaat: Set token" or "ossaat: Connect".') });
    }
    this.set({ kind: 'connecting' });
    try {
      this.engine = await EngineClient.connect({ url, token, clientName: 'ossaat-vscode', clientVersion: this.version });
      this.engineToken = token;
      return this.set({ kind: 'connected', info: this.engine.info });
    } catch (e) {
      return this.set({ kind: 'failed', error: toEngineError(e, url) });
    }
  }

  async disconnect(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    if (engine) {
      this.set({ kind: 'disconnected' });
      await engine.close();
    }
  }

  dispose(): void {
    void this.disconnect();
    this.changes.dispose();
  }

  private set(state: ConnectionState): ConnectionState {
    this.state = state;
    this.changes.fire(state);
    return state;
  }
}
