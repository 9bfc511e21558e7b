import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { fromStatus, problemDetail, toEngineError } from './engineError';

test('statuses map to kinds with a next step', () => {
  assert.equal(fromStatus(401, 'u', '').kind, 'unauthorized');
  assert.match(fromStatus(401, 'u', '').nextStep, /data-dir>\/token/);
  assert.equal(fromStatus(404, 'u', '').kind, 'notFound');
  assert.equal(fromStatus(404, 'u', 'Not Found: no such session (it ended or never existed)').kind, 'sessionExpired');
  assert.equal(fromStatus(500, 'u', 'boom').kind, 'unexpected');
});

test('a 403 for Origin or Host is told apart from a missing role', () => {
  const origin = fromStatus(403, 'u', "Origin 'http://evil.example' is not allowed");
  assert.equal(origin.kind, 'forbidden');
  assert.match(origin.message, /Origin or Host/);
  assert.match(fromStatus(403, 'u', 'needs the approver role').nextStep, /approver or owner/);
});

test('the SDK\'s HTTP error keeps the status and the problem\'s detail', () => {
  const error = toEngineError(new StreamableHTTPError(401,
    'Error POSTing to endpoint: {"type":"about:blank","title":"Unauthorized","status":401,"detail":"the bearer token is not valid"}'), 'u');
  assert.equal(error.kind, 'unauthorized');
  assert.equal(error.status, 401);
  assert.match(error.message, /the bearer token is not valid/);
});

test('a refused connection says the engine is not running and how to start it', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
  const error = toEngineError(refused, 'http://127.0.0.1:7070/mcp');
  assert.equal(error.kind, 'unreachable');
  assert.match(error.nextStep, /\.\/ossaat serve/);
});

test('a connection the engine closed unanswered is told apart from an engine that is not running', () => {
  const closed = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
  const error = toEngineError(closed, 'http://127.0.0.1:7070/mcp');
  assert.equal(error.kind, 'connectionClosed');
  assert.match(error.message, /closed the connection before it answered \(UND_ERR_SOCKET\)/);
  assert.doesNotMatch(error.nextStep, /\.\/ossaat serve/);
  assert.equal(toEngineError(Object.assign(new Error('read'), { code: 'ECONNRESET' }), 'u').kind, 'connectionClosed');
});

test('problemDetail reads problem+json and JSON-RPC errors, else the text', () => {
  assert.equal(problemDetail('{"title":"Forbidden","detail":"why"}'), 'why');
  assert.equal(problemDetail('{"jsonrpc":"2.0","error":{"code":-32600,"message":"no such session"}}'), 'no such session');
  assert.equal(problemDetail(' plain '), 'plain');
});
