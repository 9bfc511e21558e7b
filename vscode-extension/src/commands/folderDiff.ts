import { execFile } from 'node:child_process';

/** A folder's uncommitted changes as a unified diff against HEAD, or why there is none to offer. */
export type FolderDiff =
  | { kind: 'diff'; patch: string; files: string[] }
  | { kind: 'none'; reason: string };

/**
 * `git diff HEAD` in `folder`: staged and unstaged changes of tracked files, which is what the engine's
 * apply_changes applies on a worktree of the same commit. Untracked files are not in it (`git add -N` puts them in).
 */
export async function uncommittedDiff(folder: string): Promise<FolderDiff> {
  let patch: string;
  try {
    // outside a repository `git diff` would compare files instead; the commit must exist for the engine anyway
    await git(folder, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}');
    patch = await git(folder, 'diff', 'HEAD', '--no-color', '--no-ext-diff', '--binary');
  } catch (e) {
    const said = e instanceof Error ? e.message.split('\n').find((l) => /^fatal:/.test(l)) : undefined;
    return { kind: 'none', reason: `${folder} has no diff against HEAD to offer (${said?.replace(/^fatal: /, '') ?? 'it is no git repository with a commit'})` };
  }
  if (!patch.trim()) {
    return { kind: 'none', reason: `${folder} has no uncommitted changes (git diff HEAD is empty; untracked files count once git add -N added them)` };
  }
  const files = [...patch.matchAll(/^diff --git a\/(.+?) b\//gm)].map((m) => m[1]);
  return { kind: 'diff', patch, files };
}

function git(folder: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', folder, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${stderr}\n${error.message}`));
      } else {
        resolve(stdout);
      }
    });
  });
}
