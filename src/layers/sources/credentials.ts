import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  username: string;
  password: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export function defaultDockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
}

async function loadConfig(path: string): Promise<DockerConfig | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as DockerConfig;
  } catch {
    return null;
  }
}

/** The keys a registry may be stored under in config.json. */
function keysFor(registry: string): string[] {
  if (registry === 'docker.io' || registry === 'registry-1.docker.io' || registry === 'index.docker.io') {
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

/** Credentials for a registry from docker's config.json: credHelpers, credsStore, then auths. */
export async function findCredentials(registry: string, configPath: string, timeoutMs = 10_000): Promise<Credentials | null> {
  const cfg = await loadConfig(configPath);
  if (!cfg) return null;
  const keys = keysFor(registry);
  for (const k of keys) {
    const helper = cfg.credHelpers?.[k];
    if (helper) return fromHelper(helper, k, timeoutMs);
  }
  for (const k of keys) {
    const a = cfg.auths?.[k];
    if (!a) continue;
    if (a.username && a.password) return { username: a.username, password: a.password };
    if (a.auth) {
      const text = Buffer.from(a.auth, 'base64').toString('utf8');
      const i = text.indexOf(':');
      if (i > 0) return { username: text.slice(0, i), password: text.slice(i + 1) };
    }
  }
  if (cfg.credsStore) return fromHelper(cfg.credsStore, keys[0], timeoutMs);
  return null;
}

/** Runs `docker-credential-<name> get` with the server URL on stdin; no credentials on any failure. */
export function fromHelper(name: string, server: string, timeoutMs: number): Promise<Credentials | null> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return Promise.resolve(null);
  return new Promise((resolve) => {
    let out = '';
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(`docker-credential-${name}`, ['get'], { stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      resolve(null);
      return;
    }
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return resolve(null);
      try {
        const j = JSON.parse(out) as { Username?: string; Secret?: string };
        if (!j.Secret || !j.Username || j.Username === '<token>') return resolve(null);
        resolve({ username: j.Username, password: j.Secret });
      } catch {
        resolve(null);
      }
    });
    child.stdin?.end(server);
  });
}
