import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { EngineError, fromStatus, problemDetail, toEngineError } from './engineError';
import type { Agent, NewPlan, Plan, PlanPage, SloStatus } from './types';

/** What `connect` learned about the engine. */
export interface EngineInfo {
  name: string;
  version: string;
  protocolVersion: string;
  tools: string[];
}

export interface EngineClientOptions {
  /** The engine's base URL (http://127.0.0.1:7070) or its MCP endpoint (…/mcp). */
  url: string;
  token: string;
  /** Extra headers on every request (tests send a foreign Origin with it). */
  headers?: Record<string, string>;
  clientName?: string;
  clientVersion?: string;
}

/** The MCP endpoint for a base URL; a URL that already ends in /mcp is kept. Throws on a malformed URL. */
export function mcpEndpoint(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new EngineError('notFound', `"${url}" is not a URL.`, 'Set ossaat.url to the engine\'s base URL, e.g. http://127.0.0.1:7070.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EngineError('notFound', `"${url}" is not an http(s) URL.`, 'Set ossaat.url to the engine\'s base URL, e.g. http://127.0.0.1:7070.');
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  parsed.pathname = path.endsWith('/mcp') ? path : `${path}/mcp`;
  return parsed;
}

/** The engine's base URL (without /mcp) for its HTTP routes. */
export function baseUrl(url: string): string {
  return mcpEndpoint(url).href.replace(/\/mcp$/, '');
}

/** The engine's tools that only read: sending one again cannot do anything twice. */
const READ_ONLY_TOOLS = new Set(['list_plans', 'get_plan', 'get_slo_status']);

/**
 * The engine's MCP tools over Streamable HTTP with the official SDK. One instance is one MCP session; when the
 * engine forgets the session (it restarted), a call opens a new one and is sent once more: the engine refused the
 * first before running it. A read-only call whose connection closed before the answer is sent once more too; any
 * other such call may have run, and the error says so.
 */
export class EngineClient {
  private constructor(
    private readonly options: EngineClientOptions,
    private readonly endpoint: URL,
    private session: Client,
    readonly info: EngineInfo,
  ) {}

  /** Initializes a session and lists the tools; throws an EngineError that says exactly why it could not. */
  static async connect(options: EngineClientOptions): Promise<EngineClient> {
    const endpoint = mcpEndpoint(options.url);
    const { client, info } = await openSession(options, endpoint);
    return new EngineClient(options, endpoint, client, info);
  }

  get url(): string {
    return this.endpoint.href;
  }

  listPlans(args: { state?: string; limit?: number; cursor?: string } = {}): Promise<PlanPage> {
    return this.callTool('list_plans', args) as Promise<PlanPage>;
  }

  getPlan(id: string): Promise<Plan> {
    return this.callTool('get_plan', { id }) as Promise<Plan>;
  }

  createPlan(plan: NewPlan): Promise<Plan> {
    return this.callTool('create_plan', { ...plan }) as Promise<Plan>;
  }

  /** The engine's agents with the inputs their plans must bring (GET /v1/agents: MCP has no tool for it). */
  async listAgents(): Promise<Agent[]> {
    const url = `${baseUrl(this.options.url)}/v1/agents`;
    try {
      const response = await fetch(url, { headers: { ...this.options.headers, Authorization: `Bearer ${this.options.token}` } });
      const text = await response.text();
      if (!response.ok) {
        throw fromStatus(response.status, url, problemDetail(text));
      }
      return (JSON.parse(text) as { items: Agent[] }).items;
    } catch (e) {
      throw toEngineError(e, url);
    }
  }

  approveStep(planId: string, stepId: string, rationale?: string): Promise<Plan> {
    return this.callTool('approve_step', withRationale({ planId, stepId }, rationale)) as Promise<Plan>;
  }

  rejectStep(planId: string, stepId: string, rationale?: string): Promise<Plan> {
    return this.callTool('reject_step', withRationale({ planId, stepId }, rationale)) as Promise<Plan>;
  }

  cancelPlan(planId: string): Promise<Plan> {
    return this.callTool('cancel_plan', { planId }) as Promise<Plan>;
  }

  async sloStatus(): Promise<SloStatus[]> {
    const result = (await this.callTool('get_slo_status', {})) as { items: SloStatus[] };
    return result.items;
  }

  /** Calls a tool and returns its structured result; a result with isError becomes an EngineError of kind tool. */
  async callTool(name: string, args: Record<string, unknown>): Promise<unknown> {
    try {
      return await this.callOnce(name, args);
    } catch (e) {
      const error = toEngineError(e, this.url);
      if (error.kind === 'sessionExpired') {
        await this.reopen();
      } else if (error.kind !== 'connectionClosed') {
        throw error;
      } else if (!READ_ONLY_TOOLS.has(name)) {
        throw new EngineError('connectionClosed', error.message,
          `${name} may have run before the connection closed: look at the plan before you try again.`);
      }
      try {
        return await this.callOnce(name, args);
      } catch (again) {
        throw toEngineError(again, this.url);
      }
    }
  }

  /** Ends the MCP session (DELETE), ignoring an engine that is already gone. */
  async close(): Promise<void> {
    await closeQuietly(this.session);
  }

  private async callOnce(name: string, args: Record<string, unknown>): Promise<unknown> {
    const result = await this.session.callTool({ name, arguments: args });
    const text = Array.isArray(result.content)
      ? result.content.filter((c) => c.type === 'text').map((c) => (c as { text: string }).text).join('\n')
      : '';
    if (result.isError) {
      throw new EngineError('tool', `${name}: ${text || 'failed'}`, '');
    }
    return result.structuredContent ?? JSON.parse(text);
  }

  private async reopen(): Promise<void> {
    const old = this.session;
    this.session = (await openSession(this.options, this.endpoint)).client;
    await closeQuietly(old);
  }
}

async function openSession(options: EngineClientOptions, endpoint: URL): Promise<{ client: Client; info: EngineInfo }> {
  const transport = new StreamableHTTPClientTransport(endpoint, {
    requestInit: { headers: { ...options.headers, Authorization: `Bearer ${options.token}` } },
  });
  const client = new Client({ name: options.clientName ?? 'ossaat-vscode', version: options.clientVersion ?? '0.1.0' });
  try {
    await client.connect(transport);
    const server = client.getServerVersion();
    const tools = await client.listTools();
    const info: EngineInfo = {
      name: server?.name ?? 'unknown',
      version: server?.version ?? 'unknown',
      protocolVersion: transport.protocolVersion ?? 'unknown',
      tools: tools.tools.map((t) => t.name),
    };
    return { client, info };
  } catch (e) {
    await closeQuietly(client);
    throw toEngineError(e, endpoint.href);
  }
}

async function closeQuietly(client: Client): Promise<void> {
  try {
    const transport = client.transport as StreamableHTTPClientTransport | undefined;
    if (transport?.sessionId) {
      await transport.terminateSession();
    }
    await client.close();
  } catch {
    // the engine is gone or the session ended already: nothing to release on its side
  }
}

function withRationale(args: Record<string, unknown>, rationale?: string): Record<string, unknown> {
  return rationale && rationale.trim() ? { ...args, rationale: rationale.trim() } : args;
}
