import * as path from 'node:path';

/** A token found in a data dir. */
export interface FoundToken {
  path: string;
  token: string;
}

/** Where an engine keeps its token, most specific first: the configured data dir, then the default ~/.ossaat. */
export function tokenPaths(dataDir: string | undefined, home: string): string[] {
  const paths: string[] = [];
  const configured = dataDir?.trim();
  if (configured) {
    paths.push(path.join(configured.replace(/^~(?=$|[/\\])/, home), 'token'));
  }
  const fallback = path.join(home, '.ossaat', 'token');
  if (!paths.includes(fallback)) {
    paths.push(fallback);
  }
  return paths;
}

/** The first readable, non-empty token file among `paths`; undefined when there is none. */
export async function discoverToken(
  paths: string[],
  readFile: (path: string) => Promise<string>,
): Promise<FoundToken | undefined> {
  for (const candidate of paths) {
    let text: string;
    try {
      text = await readFile(candidate);
    } catch {
      continue; // missing or unreadable: try the next place
    }
    const token = text.trim();
    if (token) {
      return { path: candidate, token };
    }
  }
  return undefined;
}
