import { ImageSourceError } from '../errors.js';
import type { ImageConfig } from '../model.js';
import type { SourceLayer } from './source.js';

/** Every layer's computed diff_id must equal the config's rootfs.diff_ids, in order. */
export function verifyDiffIds(config: ImageConfig, layers: SourceLayer[], what: string): void {
  if (config.diffIds.length !== layers.length) {
    throw new ImageSourceError('corrupt', `${what}: the config lists ${config.diffIds.length} layers (rootfs.diff_ids) but the manifest has ${layers.length}`);
  }
  layers.forEach((l, i) => {
    if (l.scan.diffId !== config.diffIds[i]) {
      throw new ImageSourceError('digest-mismatch', `${what}: layer ${i} (${l.scan.blobDigest}) uncompresses to ${l.scan.diffId}, but the config says ${config.diffIds[i]}`);
    }
  });
}
