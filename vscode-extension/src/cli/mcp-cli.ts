/**
 * The extension's MCP client without VS Code: `node dist/mcp-cli.js <url>` with the token in OSSAAT_TOKEN.
 * Initializes a session, lists the tools, calls the read-only list_plans, and prints what it did.
 * Exit 0 on success, 1 when the engine could not be used (with why and what to do), 2 on a usage error.
 */
import { EngineClient } from '../api/engineClient';
import { toEngineError } from '../api/engineError';

export async function main(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const url = argv[0];
  if (!url || argv.length > 1 || url === '--help' || url === '-h') {
    out('usage: node dist/mcp-cli.js <engine url, e.g. http://127.0.0.1:7070>   (token from OSSAAT_TOKEN)');
    return 2;
  }
  const token = env.OSSAAT_TOKEN?.trim();
  if (!token) {
    out('mcp-cli: OSSAAT_TOKEN is not set; export it from <data-dir>/token (e.g. export OSSAAT_TOKEN=$(cat ~/.ossaat/token))');
    return 2;
  }
  let client: EngineClient | undefined;
  try {
    client = await EngineClient.connect({ url, token, clientName: 'ossaat-mcp-cli' });
    const { info } = client;
    out(`connected: ${client.url}`);
    out(`server: ${info.name} ${info.version}`);
    out(`protocol: ${info.protocolVersion}`);
    out(`tools (${info.tools.length}): ${info.tools.join(', ')}`);
    const page = await client.listPlans({ limit: 5 });
    out(`called list_plans {"limit":5}: ${page.items.length} plan(s)`);
    for (const plan of page.items) {
      out(`  ${plan.id}  ${plan.state}  ${plan.goal ?? ''}`);
    }
    return 0;
  } catch (e) {
    out(`mcp-cli: ${toEngineError(e, url).describe()}`);
    return 1;
  } finally {
    await client?.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, (line) => console.log(line)).then((code) => {
    process.exitCode = code;
  });
}
