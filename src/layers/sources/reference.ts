import { ImageSourceError } from '../errors.js';

export interface RegistryReference {
  /** host[:port] as written (docker.io is mapped to registry-1.docker.io for requests). */
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
}

const REPO = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Parses "host/name:tag", "name@sha256:…" or "docker.io/library/name" into its parts. */
export function parseReference(ref: string): RegistryReference {
  let rest = ref;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ImageSourceError('bad-reference', `"${ref}": "${digest}" is not a sha256 digest`);
  }
  let tag: string | null = null;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new ImageSourceError('bad-reference', `"${ref}": "${tag}" is not a valid tag`);
  }
  const first = rest.split('/')[0];
  let registry = 'docker.io';
  let repository = rest;
  if (rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first;
    repository = rest.slice(first.length + 1);
  }
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  if (!REPO.test(repository)) throw new ImageSourceError('bad-reference', `"${ref}": "${repository}" is not a valid repository name`);
  if (tag === null && digest === null) tag = 'latest';
  return { registry, repository, tag, digest };
}

export const apiHost = (registry: string): string => (registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry);

/** Loopback hosts may be reached over plain HTTP. */
export function isLoopbackHost(hostPort: string): boolean {
  const host = hostPort.startsWith('[') ? hostPort.slice(1, hostPort.indexOf(']')) : hostPort.replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
