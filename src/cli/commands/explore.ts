import { resolveImageRef } from '../context.js';
import { UsageError, useColor, type Io } from '../io.js';

export interface ExploreOptions {
  platform?: string;
  insecureRegistry: string[];
  sort?: string;
  color?: boolean;
}


export async function exploreCommand(refArg: string, opts: ExploreOptions, io: Io): Promise<number> {
  if (!io.stdoutIsTTY) {
    io.writeErr(`ballast explore: standard output is not a terminal; explore is interactive.\nFor a report you can pipe or save, run: ballast analyze ${refArg}\n`);
    return 2;
  }
  if (refArg === '-' || refArg === 'docker-archive:-') throw new UsageError('explore reads keys from standard input, so it cannot read the image from it: save the archive to a file');
  if (opts.sort !== undefined && opts.sort !== 'name' && opts.sort !== 'size') throw new UsageError(`--sort must be name or size (got "${opts.sort}")`);
  const ref = resolveImageRef(refArg, io.cwd);
  const layers = await import('../../layers/index.js');
  const tui = await import('../../tui/index.js');
  try {
    await tui.explore(
      async (onProgress, signal) => {
        const { analysis, files } = await layers.analyzeImageDetailed(ref, { platform: opts.platform, insecureRegistries: opts.insecureRegistry, onProgress, signal });
        return tui.buildModel(analysis, files, { title: refArg });
      },
      {
        title: refArg,
        color: useColor(opts.color, io.env, true),
        initial: opts.sort ? { sort: opts.sort as 'name' | 'size' } : undefined,
        stdin: io.terminal?.stdin,
        stdout: io.terminal?.stdout,
      },
    );
  } catch (e) {
    if (layers.isImageSourceError(e)) throw new UsageError(e.message);
    if (e instanceof tui.NotATerminalError) {
      io.writeErr(`ballast explore: ${e.message}; explore is interactive.\nFor a report, run: ballast analyze ${refArg}\n`);
      return 2;
    }
    throw e;
  }
  return 0;
}
