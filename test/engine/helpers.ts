import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';

export const DOCKER = '/usr/bin/docker';

export function run(cmd: string, args: string[], opts: ExecFileSyncOptions = {}): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], ...opts }) as string;
}

export function engineReady(): boolean {
  try {
    run(DOCKER, ['info']);
    return true;
  } catch {
    return false;
  }
}

export function requireEngine(): void {
  if (!engineReady()) throw new Error('no Docker engine answers: run scripts/engine-setup.sh as root first');
}

/** docker build with BuildKit on the host network (no Docker Hub: bases are imported locally). */
export function build(tag: string, context: string): void {
  run(DOCKER, ['build', '--network', 'host', '-q', '-t', tag, context], { env: { ...process.env, DOCKER_BUILDKIT: '1' } });
}
