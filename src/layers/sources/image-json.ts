import { createHash } from 'node:crypto';
import { ImageSourceError } from '../errors.js';
import { parseJson } from '../bytes.js';
import type { RuntimeConfig, HistoryEntry, ImageConfig, Platform } from '../model.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  dockerSchema1Plain: 'application/vnd.docker.distribution.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.ociManifest, MEDIA.dockerList, MEDIA.dockerManifest].join(', ');

/** Largest JSON document (manifest, index, config) accepted. */
export const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number | null;
  platform?: Platform;
  annotations: Record<string, string>;
  urls: string[];
}

export type ManifestDoc =
  | { kind: 'index'; mediaType: string; manifests: Descriptor[] }
  | { kind: 'manifest'; mediaType: string; config: Descriptor; layers: Descriptor[] };

export const sha256Of = (buf: Buffer | string): string => `sha256:${createHash('sha256').update(buf).digest('hex')}`;

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function checkDigestSyntax(digest: string, what: string): string {
  if (!DIGEST.test(digest)) throw new ImageSourceError('unsupported', `${what}: unsupported or malformed digest "${digest}"`);
  return digest;
}

export function verifyDigest(buf: Buffer, digest: string, what: string): void {
  const got = sha256Of(buf);
  if (got !== digest) throw new ImageSourceError('digest-mismatch', `${what}: content hashes to ${got}, expected ${digest}`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function parseDescriptor(v: unknown, what: string): Descriptor {
  if (!isObj(v) || typeof v.digest !== 'string') throw new ImageSourceError('corrupt', `${what}: a descriptor has no digest`);
  const p = v.platform;
  const annotations = isObj(v.annotations) ? (Object.fromEntries(Object.entries(v.annotations).filter(([, x]) => typeof x === 'string')) as Record<string, string>) : {};
  return {
    mediaType: str(v.mediaType) ?? '',
    digest: v.digest,
    size: typeof v.size === 'number' ? v.size : null,
    platform: isObj(p) && typeof p.os === 'string' && typeof p.architecture === 'string' ? { os: p.os, architecture: p.architecture, ...(typeof p.variant === 'string' ? { variant: p.variant } : {}) } : undefined,
    annotations,
    urls: Array.isArray(v.urls) ? v.urls.filter((u): u is string => typeof u === 'string') : [],
  };
}

/** Parses an image manifest or an index (OCI or Docker), rejecting schema 1. */
export function parseManifest(buf: Buffer, what: string, headerType?: string): ManifestDoc {
  const doc = parseJson(buf, what);
  if (!isObj(doc)) throw new ImageSourceError('corrupt', `${what} is not a JSON object`);
  const mediaType = str(doc.mediaType) ?? headerType ?? '';
  if (doc.schemaVersion === 1 || mediaType === MEDIA.dockerSchema1 || mediaType === MEDIA.dockerSchema1Plain) {
    throw new ImageSourceError('unsupported', `${what} is a Docker schema 1 manifest, which is deprecated and not supported`);
  }
  if (Array.isArray(doc.manifests)) {
    return { kind: 'index', mediaType, manifests: doc.manifests.map((m) => parseDescriptor(m, what)) };
  }
  if (isObj(doc.config) && Array.isArray(doc.layers)) {
    return { kind: 'manifest', mediaType, config: parseDescriptor(doc.config, what), layers: doc.layers.map((l) => parseDescriptor(l, what)) };
  }
  throw new ImageSourceError('corrupt', `${what} is neither an image manifest nor an index`);
}

/** Parses an image config. */
export function parseConfig(buf: Buffer, what: string): ImageConfig {
  const doc = parseJson(buf, what);
  if (!isObj(doc)) throw new ImageSourceError('corrupt', `${what} is not a JSON object`);
  const rootfs = doc.rootfs;
  if (!isObj(rootfs) || !Array.isArray(rootfs.diff_ids)) {
    throw new ImageSourceError('corrupt', `${what} has no rootfs.diff_ids: not an image config`);
  }
  const diffIds = rootfs.diff_ids.map((d) => {
    if (typeof d !== 'string') throw new ImageSourceError('corrupt', `${what}: a diff_id is not a string`);
    return d;
  });
  const history: HistoryEntry[] = Array.isArray(doc.history)
    ? doc.history.filter(isObj).map((h) => ({
        createdBy: str(h.created_by) ?? '',
        emptyLayer: h.empty_layer === true,
        ...(typeof h.created === 'string' ? { created: h.created } : {}),
        ...(typeof h.comment === 'string' ? { comment: h.comment } : {}),
      }))
    : [];
  return {
    os: str(doc.os) ?? '',
    architecture: str(doc.architecture) ?? '',
    ...(typeof doc.variant === 'string' ? { variant: doc.variant } : {}),
    diffIds,
    history,
    runtime: parseRuntime(doc.config),
  };
}

const strings = (v: unknown): string[] | null | undefined =>
  v === null ? null : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

/** The `config` object of an image config (docker's capitalised keys). */
function parseRuntime(c: unknown): RuntimeConfig {
  if (!isObj(c)) return { env: [], exposedPorts: [], volumes: [], labels: {} };
  const labels: Record<string, string> = {};
  if (isObj(c.Labels)) for (const [k, v] of Object.entries(c.Labels)) if (typeof v === 'string') labels[k] = v;
  const hc = isObj(c.Healthcheck) ? strings(c.Healthcheck.Test) : undefined;
  return {
    ...(typeof c.User === 'string' && c.User ? { user: c.User } : {}),
    ...(typeof c.WorkingDir === 'string' && c.WorkingDir ? { workingDir: c.WorkingDir } : {}),
    ...(strings(c.Entrypoint) !== undefined ? { entrypoint: strings(c.Entrypoint) } : {}),
    ...(strings(c.Cmd) !== undefined ? { cmd: strings(c.Cmd) } : {}),
    env: strings(c.Env) ?? [],
    exposedPorts: isObj(c.ExposedPorts) ? Object.keys(c.ExposedPorts) : [],
    volumes: isObj(c.Volumes) ? Object.keys(c.Volumes) : [],
    labels,
    ...(typeof c.StopSignal === 'string' ? { stopSignal: c.StopSignal } : {}),
    ...(hc ? { healthcheck: hc } : {}),
  };
}

const ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };

export function hostPlatform(): Platform {
  const architecture = ARCH[process.arch] ?? process.arch;
  return architecture === 'arm' ? { os: 'linux', architecture, variant: 'v7' } : { os: 'linux', architecture };
}

export function parsePlatform(s: string): Platform {
  const parts = s.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new ImageSourceError('bad-reference', `platform "${s}" is not of the form os/arch[/variant]`);
  }
  return parts.length === 3 ? { os: parts[0], architecture: parts[1], variant: parts[2] } : { os: parts[0], architecture: parts[1] };
}

export const platformString = (p: Platform): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/');

const normVariant = (p: Platform): string | undefined => (p.architecture === 'arm64' && (p.variant === undefined || p.variant === 'v8') ? undefined : p.variant);

export function platformMatches(have: Platform, want: Platform): boolean {
  if (have.os !== want.os || have.architecture !== want.architecture) return false;
  return want.variant === undefined || normVariant(have) === normVariant(want);
}

export function isAttestation(d: Descriptor): boolean {
  return d.annotations['vnd.docker.reference.type'] === 'attestation-manifest' || (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown');
}

/**
 * Picks the manifest for a platform from an index. Attestation manifests are skipped. With no platform
 * asked for, the host platform is used; a single image entry without platform is accepted as is.
 */
export function selectManifest(index: Descriptor[], want: Platform | null, what: string): Descriptor {
  const images = index.filter((d) => !isAttestation(d));
  if (images.length === 0) throw new ImageSourceError('not-found', `${what} lists no image manifest`);
  if (images.length === 1 && images[0].platform === undefined) return images[0];
  const target = want ?? hostPlatform();
  const hit = images.find((d) => d.platform !== undefined && platformMatches(d.platform, target));
  if (hit) return hit;
  if (want === null && images.length === 1) return images[0];
  const nested = images.find((d) => d.platform === undefined && (d.mediaType === MEDIA.ociIndex || d.mediaType === MEDIA.dockerList));
  if (nested) return nested;
  const listed = images.map((d) => (d.platform ? platformString(d.platform) : 'unknown platform')).join(', ');
  throw new ImageSourceError('platform', `${what} has no image for ${platformString(target)}; it has: ${listed}. Choose one with --platform`);
}
