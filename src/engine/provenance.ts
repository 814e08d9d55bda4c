import type { Instruction } from '../dockerfile/nodes.js';
import type { DockerfileSource } from '../dockerfile/source.js';
import type { ImageAnalysis } from '../layers/model.js';

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** `created_by` without the builder's decoration: `RUN |2 A=1 B=2 /bin/sh -c x # buildkit` → `RUN x`. */
export function normalizeCreatedBy(createdBy: string): { keyword: string; body: string } {
  let s = createdBy.trim().replace(/\s+#\s*buildkit\s*$/, '');
  s = s.replace(/^\/bin\/sh -c #\(nop\)\s*/, '');
  let keyword = '';
  const m = /^(RUN|COPY|ADD|WORKDIR|ENV|LABEL|ARG|USER|CMD|ENTRYPOINT|EXPOSE|VOLUME|SHELL|HEALTHCHECK|STOPSIGNAL|ONBUILD)\b\s*/.exec(s);
  if (m) {
    keyword = m[1];
    s = s.slice(m[0].length);
  } else if (s.startsWith('/bin/sh -c ')) keyword = 'RUN';
  if (keyword === 'RUN') {
    // leading flags (`--mount=...`), recorded build args (`|2 A=1 B=2`), then the shell
    s = s.replace(/^(--[a-z-]+(=\S+)?\s+)+/, '');
    s = s.replace(/^\|\d+(\s+\S+=\S*)*\s+/, '');
    s = s.replace(/^(\/bin\/(ba)?sh|sh|bash) -c\s+/, '');
  }
  return { keyword, body: collapse(s) };
}

function collapse(s: string): string {
  return s.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
}

function instructionBody(ins: Instruction): string {
  if (ins.heredocs.length && ins.keyword === 'RUN') return collapse(ins.heredocs.map((h) => h.body).join(' '));
  return collapse(ins.json ? ins.json.values.join(' ') : ins.rest.text);
}

function matches(ins: Instruction, created: { keyword: string; body: string }): boolean {
  if (ins.keyword !== created.keyword && !(created.keyword === '' && ins.keyword === 'RUN')) return false;
  const body = instructionBody(ins);
  const cb = created.body;
  if (!cb || !body) return ins.keyword === created.keyword;
  if (body === cb || body.includes(cb) || cb.includes(body)) return true;
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    // builders rewrite sources (`file:<hash> in /dst`); the destination survives
    const dest = ins.copy?.dest?.value;
    return !!dest && (cb.endsWith(` ${dest}`) || cb.endsWith(`in ${dest}`) || cb.endsWith(`in ${dest.replace(/\/$/, '')}`));
  }
  return false;
}

/** The instructions whose layers end up in the image: the final stage and the stages it is built on. */
function imageInstructions(source: DockerfileSource): Instruction[] {
  return source
    .stageChain(source.stages[source.stages.length - 1])
    .flatMap((s) => s.instructions.filter((i) => LAYER_KEYWORDS.has(i.keyword)));
}

/**
 * Match image layers to the Dockerfile instructions that made them, from the top layer down: each
 * layer's history line against the last unmatched RUN/COPY/ADD/WORKDIR of the final stage chain.
 * Layers below the first instruction are the base image's.
 */
export function matchLayers(analysis: ImageAnalysis, source: DockerfileSource): Map<number, Instruction> {
  const out = new Map<number, Instruction>();
  const candidates = imageInstructions(source);
  let next = candidates.length - 1;
  for (let li = analysis.layers.length - 1; li >= 0 && next >= 0; li--) {
    const created = normalizeCreatedBy(analysis.layers[li].createdBy);
    if (!created.keyword && !created.body) continue;
    for (let k = next; k >= 0 && k >= next - 3; k--) {
      if (matches(candidates[k], created)) {
        out.set(li, candidates[k]);
        next = k - 1;
        break;
      }
    }
  }
  return out;
}
