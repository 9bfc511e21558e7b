import assert from 'node:assert/strict';
import { test } from 'node:test';
import { discoverToken, tokenPaths } from './tokenDiscovery';

test('the configured data dir comes before ~/.ossaat, with ~ expanded', () => {
  assert.deepEqual(tokenPaths('~/engine', '/home/u'), ['/home/u/engine/token', '/home/u/.ossaat/token']);
  assert.deepEqual(tokenPaths('', '/home/u'), ['/home/u/.ossaat/token']);
  assert.deepEqual(tokenPaths('/home/u/.ossaat', '/home/u'), ['/home/u/.ossaat/token']);
});

test('the first readable non-empty token file wins, trimmed', async () => {
  const files: Record<string, string> = { '/b/token': '   \n', '/c/token': 'oss_abc\n', '/d/token': 'oss_later' };
  const read = async (p: string) => {
    if (!(p in files)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return files[p];
  };
  assert.deepEqual(await discoverToken(['/a/token', '/b/token', '/c/token', '/d/token'], read), { path: '/c/token', token: 'oss_abc' });
  assert.equal(await discoverToken(['/a/token'], read), undefined);
});
