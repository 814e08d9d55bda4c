import { describe, expect, it } from 'vitest';
import { DEBIAN_SLIM_DOCKERFILE, DEBIAN_SLIM_TAG } from '../../src/optimize/local-bases.js';

describe('the locally made debian:bookworm-slim', () => {
  it('is derived from the local debian:bookworm and flattened into one layer', () => {
    expect(DEBIAN_SLIM_TAG).toBe('debian:bookworm-slim');
    expect(DEBIAN_SLIM_DOCKERFILE).toMatch(/^FROM debian:bookworm AS full\n/);
    expect(DEBIAN_SLIM_DOCKERFILE).toMatch(/\nFROM scratch\nCOPY --from=full \/ \/\n/);
  });

  it('keeps the extra CA certificates engine-setup.sh installs in /usr/local/share/ca-certificates', () => {
    const rm = DEBIAN_SLIM_DOCKERFILE.match(/rm -rf ([^&]*)&&/)?.[1] ?? '';
    const removed = rm.replace(/\\\n/g, ' ').split(/\s+/).filter(Boolean);
    expect(removed).toContain('/usr/share/doc/*');
    for (const p of removed) expect('/usr/local/share/ca-certificates/01-proxy-ca.crt'.startsWith(p.replace(/\*$/, ''))).toBe(false);
    expect(DEBIAN_SLIM_DOCKERFILE).not.toMatch(/ca-certificates|\/usr\/local\/share\/\*|\/usr\/local\/\*/);
    expect(DEBIAN_SLIM_DOCKERFILE).not.toMatch(/NODE_EXTRA_CA_CERTS/);
  });
});
