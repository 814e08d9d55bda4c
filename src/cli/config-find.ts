import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_NAMES = ['.ballast.yaml', '.ballast.yml'];
export const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/** Find the configuration for a file: `.ballast.yaml` upward from its directory, else `.hadolint.yaml` upward, else hadolint's user locations. */
export function findConfigFile(
  startDir: string,
  env: Readonly<Record<string, string | undefined>>,
  /** Results of earlier searches in this run, by directory (sibling files share their parents' answers). */
  memo?: Map<string, string | null>,
): { file: string; kind: 'ballast' | 'hadolint' } | undefined {
  const up = (names: string[]): string | undefined => {
    const visited: string[] = [];
    let dir = resolve(startDir);
    let found: string | null = null;
    for (;;) {
      const known = memo?.get(`${names[0]}\0${dir}`);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(dir);
      const hit = names.map((n) => join(dir, n)).find((f) => existsSync(f));
      if (hit) {
        found = hit;
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    if (memo) for (const d of visited) memo.set(`${names[0]}\0${d}`, found);
    return found ?? undefined;
  };
  const own = up(CONFIG_NAMES);
  if (own) return { file: own, kind: 'ballast' };
  const had = up(HADOLINT_NAMES);
  if (had) return { file: had, kind: 'hadolint' };
  const home = env.HOME;
  const candidates = [
    env.XDG_CONFIG_HOME && join(env.XDG_CONFIG_HOME, 'hadolint.yaml'),
    env.XDG_CONFIG_HOME && join(env.XDG_CONFIG_HOME, 'hadolint.yml'),
    home && join(home, '.config', 'hadolint.yaml'),
    home && join(home, '.hadolint', 'hadolint.yaml'),
    home && join(home, '.hadolint', 'config.yaml'),
    home && join(home, '.hadolint.yaml'),
    home && join(home, '.hadolint.yml'),
  ].filter((x): x is string => !!x);
  const f = candidates.find((c) => existsSync(c));
  return f ? { file: f, kind: 'hadolint' } : undefined;
}

