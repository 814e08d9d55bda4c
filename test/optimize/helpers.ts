import { lintText } from '../../src/engine/lint-dockerfile.js';
import { DEFAULT_CONFIG } from '../../src/engine/config.js';
import { optimizeText, type OptimizeOptions, type OptimizeResult } from '../../src/optimize/index.js';
import type { BuildContext } from '../../src/dockerfile/source.js';
import { rules } from '../../src/rules/index.js';

/** An in-memory build context: file name → content. */
export function memContext(files: Record<string, string>, dockerfileName = 'Dockerfile'): BuildContext {
  const has = (p: string) => {
    const r = p.replace(/^\.\//, '').replace(/\/$/, '');
    return r in files || Object.keys(files).some((f) => f.startsWith(`${r}/`));
  };
  return { dir: '/ctx', dockerfileName, readFile: (p) => files[p.replace(/^\.\//, '')], exists: has };
}

export async function run(text: string, options: OptimizeOptions = {}, files: Record<string, string> = {}): Promise<OptimizeResult> {
  return optimizeText('Dockerfile', text, options, memContext({ Dockerfile: text, ...files }));
}

export async function findings(text: string, files: Record<string, string> = {}): Promise<number> {
  return (await lintText('Dockerfile', text, { rules, config: DEFAULT_CONFIG, context: memContext({ Dockerfile: text, ...files }) })).findings.length;
}
