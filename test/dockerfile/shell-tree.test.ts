import { beforeAll, describe, expect, it } from 'vitest';
import { copiedTrees, loadShellParser } from '../../src/dockerfile/shell.js';

beforeAll(() => loadShellParser());

const SCRIPTS = [
  'apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
  'set -eux; \\\n  if [ -n "$X" ]; then echo "a $(date +%s) b" > /tmp/x; fi; for f in a b; do cat "$f" | grep -q y || true; done',
  "FOO=bar env BAZ=1 sudo -u app sh -c 'pip install --no-cache-dir -r requirements.txt' 2>&1 >/dev/null",
  'cat <<EOF > /etc/conf\nline $HOME\nEOF\necho done',
  'case "$1" in a) x=1 ;; *) y=$((2+3)) ;; esac; f() { local z=${1:-d}; echo "${z%%.*}"; }',
  'echo "unterminated', // a syntax error still copies the same way
  'wget -qO- https://example.invalid/x.sh | bash -s -- --flag; (cd /src && make -j"$(nproc)") && ln -s a b',
  '', // empty script
  'echo ' + 'word '.repeat(2000), // grows the runtime's memory while walking
];

describe('the shell tree copy', () => {
  it('uses the runtime cursor functions of the installed web-tree-sitter', () => {
    expect(copiedTrees('true').runtimeUsed).toBe(true);
  });

  it.each(SCRIPTS.map((s, i) => [i, s] as const))('script %i: the runtime walk gives the same tree as the public cursor', (_i, script) => {
    const { viaPublic, viaRuntime } = copiedTrees(script);
    expect(viaRuntime).toEqual(viaPublic);
  });
});
