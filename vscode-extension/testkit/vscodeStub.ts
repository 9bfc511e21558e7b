/**
 * A small stand-in for the `vscode` module, loaded with `node --require` before the tests: VS Code itself cannot be
 * downloaded here. It keeps what the extension registers in `workbench` and answers prompts from scripted answers,
 * so the bundled extension can be activated and driven by a test. Only what the extension touches.
 */
import Module from 'node:module';

type Listener<T> = (value: T) => void;

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return new Disposable(() => { this.listeners = this.listeners.filter((l) => l !== listener); });
  };
  fire(value: T): void {
    [...this.listeners].forEach((l) => l(value));
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  constructor(private readonly release: () => unknown) {}
  dispose(): void {
    this.release();
  }
}

class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(readonly label: string, readonly collapsibleState: number) {}
}

class Uri {
  private constructor(readonly scheme: string, readonly authority: string, readonly path: string, readonly query = '') {}
  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(url.protocol.replace(/:$/, ''), url.host, url.pathname, url.search.replace(/^\?/, ''));
  }
  static file(path: string): Uri {
    return new Uri('file', '', path);
  }
  static from(parts: { scheme: string; authority?: string; path?: string }): Uri {
    return new Uri(parts.scheme, parts.authority ?? '', parts.path ?? '');
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

class McpHttpServerDefinition {
  constructor(readonly label: string, public uri: Uri, public headers: Record<string, string> = {}, public version?: string) {}
}

interface Document { uri: Uri; languageId: string; getText(): string }

/** What the extension registered and showed, and the answers the next prompts get. */
export const workbench = {
  settings: {} as Record<string, unknown>,
  secrets: new Map<string, string>(),
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  contexts: {} as Record<string, unknown>,
  treeProviders: new Map<string, { getChildren(n?: unknown): unknown[]; getTreeItem(n: unknown): TreeItem; onDidChangeTreeData: (l: Listener<void>) => Disposable }>(),
  mcpProviders: new Map<string, { provideMcpServerDefinitions(t?: unknown): unknown; resolveMcpServerDefinition?(s: unknown, t?: unknown): unknown }>(),
  contentProviders: new Map<string, { provideTextDocumentContent(uri: Uri): string | Promise<string> }>(),
  statusBarItems: [] as { text: string; visible: boolean; disposed: boolean }[],
  shownDocuments: [] as Document[],
  messages: [] as { level: 'info' | 'warning' | 'error'; text: string; detail?: string }[],
  /** Answers for showWarningMessage / showInformationMessage / showErrorMessage, taken in order (undefined = dismissed). */
  messageAnswers: [] as (string | undefined)[],
  inputAnswers: [] as (string | undefined)[],
  /** Quick picks shown (their title and items), and the label the next one answers with (undefined = dismissed). */
  quickPicks: [] as { title?: string; items: { label: string; description?: string; detail?: string }[] }[],
  quickPickAnswers: [] as (string | undefined)[],
  /** The open workspace folders' paths. */
  folders: [] as string[],
  configurationListeners: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
};

function message(level: 'info' | 'warning' | 'error') {
  return async (text: string, ...rest: unknown[]) => {
    const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { detail?: string }) : undefined;
    workbench.messages.push({ level, text, detail: options?.detail });
    return workbench.messageAnswers.shift();
  };
}

const stub = {
  EventEmitter,
  Disposable,
  ThemeIcon,
  ThemeColor,
  TreeItem,
  Uri,
  McpHttpServerDefinition,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  env: { machineId: 'test-machine-id' },
  window: {
    activeTextEditor: undefined,
    createStatusBarItem: () => {
      const item = { text: '', tooltip: '', name: '', command: '', backgroundColor: undefined, visible: false, disposed: false,
        show() { item.visible = true; }, hide() { item.visible = false; }, dispose() { item.disposed = true; item.visible = false; } };
      workbench.statusBarItems.push(item);
      return item;
    },
    createTreeView: (id: string, options: { treeDataProvider: never }) => {
      workbench.treeProviders.set(id, options.treeDataProvider);
      return new Disposable(() => workbench.treeProviders.delete(id));
    },
    showInformationMessage: message('info'),
    showWarningMessage: message('warning'),
    showErrorMessage: message('error'),
    showInputBox: async () => workbench.inputAnswers.shift(),
    showQuickPick: async <T extends { label: string }>(items: T[], options?: { title?: string }) => {
      workbench.quickPicks.push({ title: options?.title, items });
      const answer = workbench.quickPickAnswers.shift();
      return items.find((i) => i.label === answer);
    },
    withProgress: (_options: unknown, task: () => Promise<unknown>) => task(),
    showTextDocument: async (doc: Document) => { workbench.shownDocuments.push(doc); return {}; },
  },
  workspace: {
    get workspaceFolders() {
      return workbench.folders.length
        ? workbench.folders.map((f, index) => ({ uri: Uri.file(f), name: f, index }))
        : undefined;
    },
    getWorkspaceFolder: () => undefined,
    getConfiguration: (section: string) => ({ get: (key: string) => workbench.settings[`${section}.${key}`] }),
    onDidChangeConfiguration: (listener: Listener<{ affectsConfiguration(section: string): boolean }>) =>
      workbench.configurationListeners.event(listener),
    registerTextDocumentContentProvider: (scheme: string, provider: never) => {
      workbench.contentProviders.set(scheme, provider);
      return new Disposable(() => workbench.contentProviders.delete(scheme));
    },
    openTextDocument: async (uri: Uri): Promise<Document> => {
      const text = await workbench.contentProviders.get(uri.scheme)!.provideTextDocumentContent(uri);
      return { uri, languageId: 'plaintext', getText: () => text };
    },
  },
  languages: {
    setTextDocumentLanguage: async (doc: Document, languageId: string) => ({ ...doc, languageId }),
  },
  commands: {
    registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
      workbench.commands.set(id, fn);
      return new Disposable(() => workbench.commands.delete(id));
    },
    executeCommand: async (id: string, ...args: unknown[]) => {
      if (id === 'setContext') {
        workbench.contexts[args[0] as string] = args[1];
        return undefined;
      }
      return workbench.commands.get(id)?.(...args);
    },
  },
  lm: {
    registerMcpServerDefinitionProvider: (id: string, provider: never) => {
      workbench.mcpProviders.set(id, provider);
      return new Disposable(() => workbench.mcpProviders.delete(id));
    },
  },
};

/** A fresh ExtensionContext over the workbench's secrets. */
export function extensionContext(packageJSON: unknown) {
  const changes = new EventEmitter<unknown>();
  return {
    subscriptions: [] as { dispose(): unknown }[],
    extension: { packageJSON },
    secrets: {
      get: async (key: string) => workbench.secrets.get(key),
      store: async (key: string, value: string) => { workbench.secrets.set(key, value); },
      delete: async (key: string) => { workbench.secrets.delete(key); },
      onDidChange: changes.event,
    },
  };
}

type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve; _cache: Record<string, unknown> };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
internals._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
