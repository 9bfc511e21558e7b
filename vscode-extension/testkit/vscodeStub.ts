/**
 * A small stand-in for the `vscode` module, loaded with `node --require` before the tests: VS Code itself cannot be
 * downloaded here, so the glue is tested against these few value classes. Only what the tested modules touch.
 */
import Module from 'node:module';

class EventEmitter<T> {
  private listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((l) => l !== listener); } };
  };
  fire(value: T): void {
    this.listeners.forEach((l) => l(value));
  }
  dispose(): void {
    this.listeners = [];
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

const stub = {
  EventEmitter,
  ThemeIcon,
  ThemeColor,
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
};

type Resolve = (request: string, ...rest: unknown[]) => string;
const internals = Module as unknown as { _resolveFilename: Resolve; _cache: Record<string, unknown> };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
internals._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
