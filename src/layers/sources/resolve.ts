import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ImageSourceError } from '../errors.js';
import type { AnalyzeOptions } from '../model.js';
import { archiveFileSource } from './archive-file.js';
import { engineHasImage, engineSource } from './engine.js';
import { ociDirSource } from './oci-dir.js';
import { registrySource } from './registry.js';
import type { ImageSource } from './source.js';

const isDir = async (p: string): Promise<boolean> => (await stat(p).catch(() => null))?.isDirectory() ?? false;
const isFile = async (p: string): Promise<boolean> => (await stat(p).catch(() => null))?.isFile() ?? false;

/**
 * Turns a reference into a source: `docker:NAME`, `docker-archive:FILE`, `oci-archive:FILE`, `oci:DIR`,
 * `registry:REF` (also `docker://REF`); `-` or `docker-archive:-` reads an archive from standard input. A bare existing path is sniffed (a directory with index.json is
 * an OCI layout, a file an archive); a bare reference uses the engine when it has the image, else the registry.
 */
export async function resolveSource(ref: string | ImageSource, options: AnalyzeOptions = {}): Promise<ImageSource> {
  if (typeof ref !== 'string') return ref;
  const registryOpts = { insecureRegistries: options.insecureRegistries, dockerConfigPath: options.dockerConfigPath, timeoutMs: options.timeoutMs, signal: options.signal };
  const m = /^(docker|docker-archive|oci-archive|oci|registry):(.*)$/.exec(ref);
  if (ref.startsWith('docker://')) return registrySource(ref.slice('docker://'.length), registryOpts, ref);
  if (m) {
    const [, scheme, rest] = m;
    if (rest === '') throw new ImageSourceError('bad-reference', `"${ref}" names no image after "${scheme}:"`);
    switch (scheme) {
      case 'docker':
        return engineSource(rest, ref);
      case 'docker-archive':
      case 'oci-archive':
        return archiveFileSource(rest, scheme, ref);
      case 'oci':
        if (!(await isDir(rest))) throw new ImageSourceError('not-found', `${ref}: ${rest} is not a directory`);
        return ociDirSource(rest, ref);
      default:
        return registrySource(rest, registryOpts, ref);
    }
  }
  if (ref === '-') return archiveFileSource('-', 'docker-archive', 'stdin');
  if (await isDir(ref)) {
    if (await isFile(join(ref, 'index.json'))) return ociDirSource(ref, ref);
    throw new ImageSourceError('unsupported', `${ref} is a directory without index.json: not an OCI image layout`);
  }
  if (await isFile(ref)) return archiveFileSource(ref, 'docker-archive', ref);
  if (/^[./~]/.test(ref) || ref.endsWith('.tar')) throw new ImageSourceError('not-found', `${ref}: no such file or directory`);
  if (await engineHasImage(ref)) return engineSource(ref, ref);
  return registrySource(ref, registryOpts, ref);
}
