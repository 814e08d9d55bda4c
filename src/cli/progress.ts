import { formatBytes } from '../core/bytes.js';
import type { ProgressEvent } from '../layers/model.js';

/** One self-rewriting status line on stderr (only when stderr is a terminal and not in CI). */
export function progressRenderer(write: (s: string) => void, enabled: boolean): { onProgress: (e: ProgressEvent) => void; done: () => void } {
  if (!enabled) return { onProgress: () => {}, done: () => {} };
  let last = '';
  let lastAt = 0;
  let layers = '';
  const show = (text: string, force = false) => {
    const now = Date.now();
    if (!force && now - lastAt < 100) return;
    lastAt = now;
    last = text;
    write(`\r\x1b[2K${text}`);
  };
  return {
    onProgress(e) {
      if (e.kind === 'start') show(`reading ${e.ref}${e.layersTotal ? ` (${e.layersTotal} layers)` : ''}…`, true);
      else if (e.kind === 'layer') {
        layers = `layer ${e.layersDone}${e.layersTotal ? `/${e.layersTotal}` : ''}`;
        show(`${layers}, ${formatBytes(e.bytesRead)}${e.bytesTotal ? ` of ${formatBytes(e.bytesTotal)}` : ''} read`, true);
      } else if (e.kind === 'bytes') show(`${layers || 'reading'}, ${formatBytes(e.bytesRead)}${e.bytesTotal ? ` of ${formatBytes(e.bytesTotal)}` : ''} read`);
      else show('analysing…', true);
    },
    done() {
      if (last) write('\r\x1b[2K');
    },
  };
}
