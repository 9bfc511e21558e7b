import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseUrl, mcpEndpoint } from './engineClient';
import { EngineError } from './engineError';

test('the MCP endpoint is the base URL plus /mcp, and a URL ending in /mcp is kept', () => {
  assert.equal(mcpEndpoint('http://127.0.0.1:7070').href, 'http://127.0.0.1:7070/mcp');
  assert.equal(mcpEndpoint('http://127.0.0.1:7070/').href, 'http://127.0.0.1:7070/mcp');
  assert.equal(mcpEndpoint('http://127.0.0.1:7070/mcp/').href, 'http://127.0.0.1:7070/mcp');
  assert.equal(mcpEndpoint('https://host/prefix').href, 'https://host/prefix/mcp');
  assert.equal(baseUrl('http://127.0.0.1:7070/mcp'), 'http://127.0.0.1:7070');
});

test('a URL that is not http(s) is refused before any request', () => {
  assert.throws(() => mcpEndpoint('127.0.0.1:7070'), EngineError);
  assert.throws(() => mcpEndpoint('not a url'), (e: EngineError) => e.kind === 'notFound' && /ossaat\.url/.test(e.nextStep));
});
