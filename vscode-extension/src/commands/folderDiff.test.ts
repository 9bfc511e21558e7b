import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { uncommittedDiff } from './folderDiff';

function repo(): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ossaat-vscode-diff-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@ossaat.invalid', ...args], { encoding: 'utf8' });
  git('init', '-q');
  writeFileSync(path.join(dir, 'a.txt'), 'a\n');
  git('add', 'a.txt');
  git('commit', '-q', '-m', 'a');
  return { dir, git };
}

test('staged and unstaged changes of tracked files are the patch, with the files named', async () => {
  const { dir, git } = repo();
  try {
    assert.equal((await uncommittedDiff(dir)).kind, 'none');
    writeFileSync(path.join(dir, 'a.txt'), 'a\nb\n');
    writeFileSync(path.join(dir, 'c.txt'), 'c\n');
    git('add', 'c.txt');
    writeFileSync(path.join(dir, 'untracked.txt'), 'u\n');
    const diff = await uncommittedDiff(dir);
    assert.equal(diff.kind, 'diff');
    assert.deepEqual(diff.kind === 'diff' && diff.files, ['a.txt', 'c.txt']);
    assert.equal(diff.kind === 'diff' && diff.patch, git('diff', 'HEAD', '--binary'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder that is no git repository says so instead of offering an empty patch', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ossaat-vscode-nogit-'));
  try {
    const diff = await uncommittedDiff(dir);
    assert.equal(diff.kind, 'none');
    assert.match(diff.kind === 'none' ? diff.reason : '', /no diff against HEAD to offer \((not a git repository|it is no git repository with a commit)/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
