import type { Position, Span } from '../core/diagnostic.js';
import type { LineIndex } from '../core/text.js';
import { processWord, type Expansion } from './expand.js';
import type { Comment, Directive, Instruction, ParseProblem, Stage } from './nodes.js';
import { parseText, type ParsedDockerfile } from './parse.js';
import { runScripts, type Command, type ShellScript } from './shell.js';

/** Read access to the build context next to the Dockerfile (for .dockerignore and COPY sources). */
export interface BuildContext {
  /** Directory of the build context, for messages. */
  readonly dir?: string;
  /** The Dockerfile's file name (for `<name>.dockerignore`). */
  readonly dockerfileName?: string;
  readFile(relativePath: string): string | undefined;
  exists(relativePath: string): boolean;
}

export const NO_CONTEXT: BuildContext = { readFile: () => undefined, exists: () => false };

/** Build arguments BuildKit defines without an ARG instruction. */
export const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];
export const PLATFORM_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
];
const DEFAULT_PLATFORM: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
};

/** What a variable is, at one point in a stage. */
export interface VarBinding {
  readonly name: string;
  /** null when declared by `ARG NAME` without a default. */
  readonly value: string | null;
  readonly kind: 'arg' | 'env' | 'global-arg' | 'predefined';
  readonly at?: Instruction;
}

export type Scope = ReadonlyMap<string, VarBinding>;

export class DockerfileSource {
  readonly text: string;
  readonly lines: LineIndex;
  readonly escape: string;
  readonly directives: readonly Directive[];
  readonly comments: readonly Comment[];
  /** Top-level instructions in file order (ONBUILD triggers are in `instruction.trigger`). */
  readonly instructions: readonly Instruction[];
  readonly problems: readonly ParseProblem[];
  readonly emptyContinuationLines: readonly Span[];
  readonly stages: readonly Stage[];
  /** ARG instructions before the first FROM. */
  readonly globalArgs: readonly Instruction[];
  readonly hasBom: boolean;
  private readonly shellCache = new Map<Instruction, ShellScript[]>();
  private readonly commandCache = new Map<Instruction, Command[]>();
  private readonly scopeCache = new Map<Instruction, Scope>();
  private stageScopes?: StageScopes[];
  private stagesByName?: Map<string, Stage>;
  private globalScopeCache?: Scope;

  constructor(
    readonly path: string,
    parsed: ParsedDockerfile,
    readonly context: BuildContext = NO_CONTEXT,
  ) {
    this.text = parsed.text;
    this.lines = parsed.lines;
    this.escape = parsed.escape;
    this.directives = parsed.directives;
    this.comments = parsed.comments;
    this.instructions = parsed.instructions;
    this.problems = parsed.problems;
    this.emptyContinuationLines = parsed.emptyContinuationLines;
    this.hasBom = parsed.hasBom;
    this.globalArgs = parsed.instructions.filter((i) => i.stage === -1 && i.keyword === 'ARG');
    this.stages = buildStages(parsed.instructions, (raw) => this.expandGlobal(raw));
  }

  static parse(path: string, text: string, context?: BuildContext): DockerfileSource {
    return new DockerfileSource(path, parseText(text), context);
  }

  position(offset: number): Position {
    return this.lines.position(offset);
  }

  textOf(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  stageOf(ins: Instruction): Stage | undefined {
    const top = ins.parent ?? ins;
    return top.stage >= 0 ? this.stages[top.stage] : undefined;
  }

  /** The stage and the stages it is built on (`FROM <earlier stage>`), root first. */
  stageChain(stage: Stage | undefined): Stage[] {
    const chain: Stage[] = [];
    const seen = new Set<number>();
    for (let s = stage; s && !seen.has(s.index); s = s.baseStage !== undefined ? this.stages[s.baseStage] : undefined) {
      seen.add(s.index);
      chain.unshift(s);
    }
    return chain;
  }

  /** Stage by name (case-insensitive) or numeric index, as `COPY --from` and `FROM` refer to it; only stages before `before`. */
  findStage(ref: string, before = Infinity): Stage | undefined {
    const r = ref.toLowerCase();
    if (/^\d+$/.test(r)) {
      const s = this.stages[Number(r)];
      return s && s.index < before ? s : undefined;
    }
    const s = this.firstStageNamed(r);
    return s && s.index < before ? s : undefined;
  }

  /** The first stage named `name` (lower case), if any: later ones of the same name are duplicates. */
  firstStageNamed(name: string): Stage | undefined {
    if (!this.stagesByName) {
      this.stagesByName = new Map();
      for (const s of this.stages) if (s.name !== undefined && !this.stagesByName.has(s.name)) this.stagesByName.set(s.name, s);
    }
    return this.stagesByName.get(name);
  }

  /** Shell scripts of a RUN (or `ONBUILD RUN`): the shell form, heredoc scripts, `sh -c` in exec form. */
  shell(ins: Instruction): ShellScript[] {
    const target = ins.keyword === 'ONBUILD' && ins.trigger ? ins.trigger : ins;
    if (target.keyword !== 'RUN') return [];
    let s = this.shellCache.get(target);
    if (!s) {
      s = runScripts(target);
      this.shellCache.set(target, s);
    }
    return s;
  }

  /** All commands of a RUN, in source order, nested ones (`sh -c`, subshells) included. */
  commands(ins: Instruction): Command[] {
    let c = this.commandCache.get(ins);
    if (!c) {
      c = this.shell(ins).flatMap((s) => s.commands);
      this.commandCache.set(ins, c);
    }
    return c;
  }

  /** Variables visible to `ins` (before it takes effect). FROM sees only global ARGs. */
  scope(ins: Instruction): Scope {
    const top = ins.parent ?? ins;
    let s = this.scopeCache.get(top);
    if (s) return s;
    s = this.computeScope(top);
    this.scopeCache.set(top, s);
    return s;
  }

  lookup(ins: Instruction): (name: string) => string | undefined {
    const scope = this.scope(ins);
    return (name) => {
      const b = scope.get(name);
      if (!b) return undefined;
      return b.value ?? '';
    };
  }

  /** Expand a word (with quotes) as BuildKit does for `ins`. */
  expand(ins: Instruction, word: string): Expansion {
    return processWord(word, this.lookup(ins), this.escape);
  }

  /** A FROM image or `--from` value expanded with the global ARGs, as BuildKit does to find the stage it names. */
  private expandGlobal(raw: string): string {
    if (!raw.includes('$')) return raw;
    try {
      const m = this.globals();
      const r = processWord(raw, (n) => valueOf(m, n), this.escape);
      return r.error || r.undefinedRefs.length ? raw : r.value;
    } catch {
      return raw;
    }
  }

  /** The scope of FROM lines (all global ARGs), computed once. */
  private globals(): Scope {
    return (this.globalScopeCache ??= this.globalScope());
  }

  private globalScope(upTo?: Instruction): Map<string, VarBinding> {
    const m = new Map<string, VarBinding>();
    for (const p of PLATFORM_ARGS) m.set(p, { name: p, value: DEFAULT_PLATFORM[p], kind: 'predefined' });
    for (const p of PROXY_ARGS) m.set(p, { name: p, value: null, kind: 'predefined' });
    for (const ins of this.globalArgs) {
      if (upTo && ins.index >= upTo.index) break;
      for (const p of ins.pairs ?? []) {
        const value = p.rawValue === undefined ? null : processWord(p.rawValue, (n) => valueOf(m, n), this.escape).value;
        m.set(p.key, { name: p.key, value, kind: 'global-arg', at: ins });
      }
    }
    return m;
  }

  private computeScope(ins: Instruction): Scope {
    if (ins.stage < 0) {
      // instructions before the first FROM (snippets): global ARGs plus any ENV seen so far
      const m = this.globalScope(ins);
      for (const i of this.instructions) {
        if (i.index >= ins.index) break;
        if (i.keyword === 'ENV') this.applyDeclarations(m, i);
      }
      return m;
    }
    if (ins.keyword === 'FROM') return this.globals();
    const st = this.endScopes()[ins.stage];
    if (!st) return new Map();
    // a stage's instructions are consecutive in the file
    const list = this.stages[ins.stage].instructions;
    let k = ins.index - list[0].index;
    if (list[k] !== ins) k = list.indexOf(ins);
    return k >= 0 ? this.scopeAt(st, st.versions[k]) : new Map(st.end);
  }

  /** The stage's scope after its first `version` declarations: the end scope with the later ones undone (kept for other instructions). */
  private scopeAt(st: StageScopes, version: number): Scope {
    let scope = st.byVersion.get(version);
    if (!scope) {
      const m = new Map(st.end);
      for (let k = st.log.length - 1; k >= version; k--) {
        const [key, before] = st.log[k];
        // a key first set after `version` goes away; the others keep their place (Map order is first insertion)
        if (before === undefined) m.delete(key);
        else m.set(key, before);
      }
      scope = m;
      st.byVersion.set(version, scope);
    }
    return scope;
  }

  private stageStartScope(stage: Stage, stages: readonly StageScopes[]): Map<string, VarBinding> {
    const m = new Map<string, VarBinding>();
    for (const p of PROXY_ARGS) m.set(p, { name: p, value: null, kind: 'predefined' });
    if (stage.baseStage !== undefined) {
      // BuildKit carries both the ENV and the declared ARGs of the parent stage into `FROM <stage>`
      for (const [k, v] of stages[stage.baseStage].end) if (v.kind === 'env' || v.kind === 'arg') m.set(k, v);
    }
    return m;
  }

  /** Apply an ARG or ENV to `m`, recording in `log` what each key was before. */
  private applyDeclarations(m: Map<string, VarBinding>, i: Instruction, log?: DeclarationLog): void {
    const set = (key: string, b: VarBinding) => {
      log?.push([key, m.get(key)]);
      m.set(key, b);
    };
    if (i.keyword === 'ARG') {
      const globals = this.globals();
      for (const p of i.pairs ?? []) {
        const existing = m.get(p.key);
        if (existing?.kind === 'env') continue; // ENV wins over ARG
        let value: string | null;
        if (p.rawValue !== undefined) value = processWord(p.rawValue, (n) => valueOf(m, n), this.escape).value;
        else if (PLATFORM_ARGS.includes(p.key)) value = DEFAULT_PLATFORM[p.key];
        else value = globals.get(p.key)?.value ?? null;
        set(p.key, { name: p.key, value, kind: 'arg', at: i });
      }
    } else if (i.keyword === 'ENV') {
      // every value sees the variables as they were before the instruction
      const pairs = i.pairs ?? [];
      const values = pairs.map((p) => processWord(p.rawValue ?? '', (n) => valueOf(m, n), this.escape).value);
      pairs.forEach((p, k) => set(p.key, { name: p.key, value: values[k], kind: 'env', at: i }));
    }
  }

  /**
   * One pass over all stages (a stage's base stage always comes earlier): the scope at each stage's end
   * and the log of its declarations, from which the scope before any of its instructions is rebuilt on
   * demand (copying a scope for every ARG/ENV line is quadratic in long runs of them).
   */
  private endScopes(): StageScopes[] {
    if (this.stageScopes) return this.stageScopes;
    const out: StageScopes[] = [];
    this.stageScopes = out;
    for (const st of this.stages) {
      const m = this.stageStartScope(st, out);
      const log: DeclarationLog = [];
      const versions: number[] = [];
      for (const i of st.instructions) {
        versions.push(log.length);
        if (i.keyword === 'ARG' || i.keyword === 'ENV') this.applyDeclarations(m, i, log);
      }
      out.push({ end: m, log, versions, byVersion: new Map() });
    }
    return out;
  }
}

/** Keys an ARG/ENV set, each with its binding before (undefined when it was unset), in order. */
type DeclarationLog = [key: string, before: VarBinding | undefined][];

interface StageScopes {
  readonly end: ReadonlyMap<string, VarBinding>;
  readonly log: DeclarationLog;
  /** For each instruction of the stage, how many log entries precede it. */
  readonly versions: readonly number[];
  readonly byVersion: Map<number, Scope>;
}

function valueOf(m: ReadonlyMap<string, VarBinding>, name: string): string | undefined {
  const b = m.get(name);
  return b ? (b.value ?? '') : undefined;
}

function buildStages(instructions: readonly Instruction[], expand: (raw: string) => string = (r) => r): Stage[] {
  type MutableStage = { -readonly [K in keyof Stage]: Stage[K] } & { instructions: Instruction[]; dependsOn: number[] };
  const stages: MutableStage[] = [];
  // the first stage of each name (a later one of the same name is a duplicate, never referred to)
  const byName = new Map<string, number>();
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const name = ins.from?.name?.value.toLowerCase();
      const base = ins.from?.image?.value;
      // `FROM ${BASE}` with `ARG BASE=builder` before the first FROM builds on stage `builder`
      const ref = ins.from?.image?.raw.includes('$') ? expand(ins.from.image.raw) : base;
      const baseStage = ref ? (byName.get(ref.toLowerCase()) ?? -1) : -1;
      if (name !== undefined && !byName.has(name)) byName.set(name, stages.length);
      stages.push({
        index: stages.length,
        name,
        from: ins,
        instructions: [ins],
        base,
        baseStage: baseStage >= 0 ? baseStage : undefined,
        isFinal: false,
        reachesFinal: false,
        dependsOn: baseStage >= 0 ? [baseStage] : [],
      });
    } else if (stages.length) {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  const resolve = (ref: string, before: number): number | undefined => {
    const r = ref.toLowerCase();
    if (/^\d+$/.test(r)) return Number(r) < before ? Number(r) : undefined;
    const k = byName.get(r);
    return k !== undefined && k < before ? k : undefined;
  };
  for (const st of stages) {
    for (const ins of st.instructions) {
      const target = ins.keyword === 'ONBUILD' ? undefined : ins;
      if (!target) continue;
      const refs: string[] = [];
      if ((target.keyword === 'COPY' || target.keyword === 'ADD') && target.copy?.from?.value) refs.push(target.copy.from.value);
      if (target.keyword === 'RUN') {
        for (const f of target.flags) if (f.name === 'mount') for (const o of f.options) if (o.key === 'from') refs.push(o.value);
      }
      for (const r of refs) {
        const k = resolve(expand(r), st.index);
        if (k !== undefined && !st.dependsOn.includes(k)) st.dependsOn.push(k);
      }
    }
  }
  if (stages.length) {
    const last = stages[stages.length - 1];
    last.isFinal = true;
    const seen = new Set<number>();
    const queue = [last.index];
    while (queue.length) {
      const k = queue.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      stages[k].reachesFinal = true;
      for (const d of stages[k].dependsOn) queue.push(d);
    }
  }
  return stages;
}
