// Bundles the extension (dist/extension.js, vscode external) and the headless MCP client (dist/mcp-cli.js).
import * as esbuild from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['src/cli/mcp-cli.ts'], outfile: 'dist/mcp-cli.js' }),
]);
