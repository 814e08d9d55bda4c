import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_NAMES = ['.ballast.yaml', '.ballast.yml'];
export const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

/** Find the configuration for a file: `.ballast.yaml` upward from its directory, else `.hadolint.yaml` upward, else hadolint's user locations. */
export function findConfigFile(startDir: string, env: Readonly<Record<string, string | undefined>>): { file: string; kind: 'ballast' | 'hadolint' } | undefined {
  const up = (names: string[]): string | undefined => {
    let dir = resolve(startDir);
    for (;;) {
      for (const n of names) {
        const f = join(dir, n);
        if (existsSync(f)) return f;
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
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

