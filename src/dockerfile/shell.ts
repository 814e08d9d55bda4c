import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { Parser as TsParser, Tree as TsTree } from 'web-tree-sitter';
import type { Span } from '../core/diagnostic.js';
import { notice } from '../core/notices.js';
import type { Heredoc, Instruction, LogicalText } from './nodes.js';

/** A word of a shell command. `value` has quotes and backslashes removed; `dynamic` when it holds an expansion. */
export interface ShellWord {
  readonly raw: string;
  readonly value: string;
  readonly dynamic: boolean;
  readonly span: Span;
}

export interface Redirect {
  readonly op: string;
  readonly target?: ShellWord;
  readonly span: Span;
}

export interface Command {
  /** The command name as written (value), e.g. `apt-get` or `/usr/bin/pip3`. Empty when dynamic. */
  readonly name: string;
  /** Basename of the name: `pip3`. */
  readonly program: string;
  readonly nameWord?: ShellWord;
  readonly args: readonly ShellWord[];
  readonly assignments: readonly { readonly name: string; readonly value: string; readonly span: Span }[];
  readonly redirects: readonly Redirect[];
  readonly span: Span;
  /** 0 at the top of the script; more inside subshells, substitutions, `sh -c` strings and functions. */
  readonly depth: number;
  /** Index of the pipeline this command belongs to (commands joined with `|` share it). */
  readonly pipeline: number;
  /** Part of a pipeline of two or more commands. */
  readonly piped: boolean;
  /** The command follows `||` (a fallback), or is inside a condition. */
  readonly conditional: boolean;
}

export interface ShellScript {
  readonly text: string;
  /** Original offset of every character of `text` (see {@link LogicalText}). */
  readonly map: readonly number[];
  readonly commands: readonly Command[];
  /** The shell parser found a syntax error (commands are still extracted where possible). */
  readonly hasError: boolean;
  readonly hasPipe: boolean;
  readonly span: Span;
  /**
   * Set when the script was not parsed at all (too long, over its time or memory budget, or the parser
   * runtime failed) or only partly (nesting too deep).
   */
  readonly skipped?: 'too-long' | 'too-deep' | 'too-costly' | 'failed';
}

let parser: TsParser | undefined;
let loading: Promise<void> | undefined;
/** The next load takes a fresh copy of the runtime (see {@link parseShell}). */
let reload = false;
let tierUp = false;

/**
 * Many scripts are coming (a lint of many files): let the parser runtime's hot functions be optimised.
 * Takes effect when called before the parser loads.
 */
export function expectManyShellScripts(): void {
  tierUp = true;
}

/** The WebAssembly global (Node has it; the build's type libraries do not declare it). */
const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => object } }).WebAssembly;

/** Load the shell grammar (WebAssembly) once. Must be awaited before {@link parseShell}. */
export function loadShellParser(): Promise<void> {
  if (parser) return Promise.resolve();
  loading ??= (async () => {
    // V8 picks a WebAssembly module's tiers when it compiles it. By default both modules stay on the
    // baseline compiler: the grammar (1.3 MB, one giant lexer function) takes seconds of CPU to optimise,
    // and a few files' scripts parse in well under a millisecond each. For many files the parser
    // runtime (200 KB) may tier up: V8 optimises its hot functions in the background. On the corpus
    // (694 files) that is 300 ms in the runtime instead of 450 ms, a 6% faster lint; under about 50
    // files the background compile costs more than it saves, because the process waits for it at
    // exit. The flag ends as the launcher set it before compiling, because V8 keys its code cache on
    // the flags (measured in bench/lint.mjs).
    const require = createRequire(import.meta.url);
    const id = require.resolve('web-tree-sitter');
    // after an abort the runtime cannot be used again, and its heap stays as large as it grew: a fresh
    // copy of the module brings a runtime of its own (the CommonJS build, so the copy can be made)
    if (reload) delete require.cache[id];
    const { Parser, Language } = require(id) as typeof import('web-tree-sitter');
    // the options object becomes the runtime's module: its cursor functions are used by copyTree
    // its memory, made here to cap it at 512 MB instead of 2 GB: a script that sends tree-sitter's error
    // recovery into quadratic growth then aborts the runtime sooner (see parseShell); real scripts stay
    // within the initial 32 MB
    // (printErr: an abort's own "Aborted()" line would go to stderr; parseShell reports it as a notice)
    const module: Record<string, unknown> = { wasmMemory: new wasm.Memory({ initial: 512, maximum: 8192 }), printErr: () => undefined };
    if (tierUp) {
      setFlagsFromString('--no-liftoff-only');
      setFlagsFromString('--wasm-dynamic-tiering'); // --liftoff-only turned it off
    } else setFlagsFromString('--liftoff-only');
    try {
      await Parser.init(module);
    } finally {
      setFlagsFromString('--liftoff-only');
    }
    useRuntime(module);
    const lang = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
    const p = new Parser();
    p.setLanguage(lang);
    readTables(lang);
    parser = p;
    reload = false;
  })();
  return loading;
}

export function shellParserLoaded(): boolean {
  return parser !== undefined;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** Parse shell text whose characters map to original offsets through `l.map`. */
/** Scripts longer than this are not parsed (BuildKit itself rejects lines over 64 KiB). */
export const MAX_SCRIPT_LENGTH = 256 * 1024;
/** Nesting deeper than this (subshells, substitutions, `sh -c`) is not followed. */
const MAX_DEPTH = 64;
/**
 * Syntax-tree levels copied out of tree-sitter. Everything that reads the tree recurses, so a script of
 * fifty thousand nested parentheses would overflow the stack; deeper nodes are dropped and the script
 * counts as too deep. Real scripts stay far below it (the deepest of the corpus's 3694 scripts is 73 levels).
 */
const MAX_TREE_DEPTH = 400;

/**
 * A syntax node copied out of tree-sitter's tree in one cursor walk. Reading nodes through
 * web-tree-sitter's `Node` objects costs a WebAssembly call (and an object) per property; the rules ask
 * about each node several times, so the walk copies once what they need: type, range, field name.
 * Anonymous nodes (operators, keywords) keep only their type (their text is their type).
 */
interface SNode {
  readonly type: string;
  readonly named: boolean;
  readonly start: number;
  readonly end: number;
  readonly field: string | null;
  readonly children: SNode[];
}

/** Node types that never have children worth reading. */
const LEAF_TYPES = new Set(['word', 'raw_string', 'number', 'variable_name', 'string_content', 'comment', 'ansi_c_string', 'special_variable_name', 'file_descriptor', 'heredoc_start', 'heredoc_end', 'regex', 'extglob_pattern', 'test_operator']);
/** Parents whose children are looked up by field name. */
const FIELD_PARENTS = new Set(['command', 'redirected_statement', 'file_redirect', 'herestring_redirect', 'variable_assignment']);
const NO_CHILDREN: SNode[] = [];

const typeNames: string[] = [];
const typeNamed: boolean[] = [];
let fieldNames: (string | null)[] = [];

/** The grammar's node-type and field names by id, read once when the grammar loads. */
function readTables(lang: NonNullable<TsParser['language']>): void {
  typeNames.length = 0;
  typeNamed.length = 0;
  for (let id = 0; id < lang.nodeTypeCount; id++) {
    typeNames.push(lang.nodeTypeForId(id) ?? 'ERROR');
    typeNamed.push(lang.nodeTypeIsNamed(id));
  }
  fieldNames = [null];
  for (let id = 1; id <= lang.fieldCount; id++) fieldNames.push(lang.fieldNameForId(id));
}

/** A command name that is one plain word: its only child is that word, so it is read as a leaf. */
const PLAIN_NAME = /^[\w./+@%:,-]+$/;
/** A double-quoted string without expansions: its children (quotes, content) add nothing. */
const EXPANDS = /[$`]/;

/** How the walk moves a cursor over the tree and reads the node under it. */
interface CursorOps {
  typeId(): number;
  start(): number;
  end(): number;
  fieldId(): number;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
  done(): void;
}

/** web-tree-sitter's public cursor: each call copies the cursor into WebAssembly memory and back. */
function publicCursor(tree: TsTree): CursorOps {
  const c = tree.walk();
  return {
    typeId: () => c.nodeTypeId,
    start: () => c.startIndex,
    end: () => c.endIndex,
    fieldId: () => c.currentFieldId,
    firstChild: () => c.gotoFirstChild(),
    nextSibling: () => c.gotoNextSibling(),
    parent: () => c.gotoParent(),
    done: () => c.delete(),
  };
}

/**
 * The runtime's own cursor functions, which read and write the cursor in its transfer buffer. The
 * public cursor copies the cursor in and out around every call (through a generic, DataView-based
 * setter); a walk that makes no other runtime call in between can leave it there, which halves the
 * cost of copying the tree. Used only when the runtime has exactly these functions (checked at load,
 * and against the public cursor in test/dockerfile/shell-tree.test.ts).
 */
interface RuntimeCursorFunctions {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
}

const RUNTIME_FUNCTIONS = [
  '_ts_init',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
] as const;

let runtime: { fns: RuntimeCursorFunctions; transfer: number } | undefined;

/** The runtime's WebAssembly heap size in bytes (its views are replaced when the memory grows). */
let heapBytes: () => number = () => 0;

function useRuntime(module: Record<string, unknown>): void {
  heapBytes = () => (module.HEAPU8 as Uint8Array | undefined)?.length ?? 0;
  if (!(module.HEAP32 instanceof Int32Array) || !RUNTIME_FUNCTIONS.every((f) => typeof module[f] === 'function')) return;
  const fns = module as unknown as RuntimeCursorFunctions;
  runtime = { fns, transfer: fns._ts_init() >> 2 };
}

class RuntimeCursor implements CursorOps {
  private readonly c: ReturnType<TsTree['walk']>;
  private readonly t: number;
  private readonly f: RuntimeCursorFunctions;
  private readonly i: number;
  constructor(tree: TsTree, rt: { fns: RuntimeCursorFunctions; transfer: number }) {
    this.c = tree.walk();
    this.t = (tree as unknown as Record<number, number>)[0];
    this.f = rt.fns;
    this.i = rt.transfer;
    // the cursor goes into the transfer buffer once; the functions below read it there and moves write it back
    const cursor = this.c as unknown as Record<number, number>;
    const h = this.f.HEAP32;
    h[this.i] = cursor[0];
    h[this.i + 1] = cursor[1];
    h[this.i + 2] = cursor[2];
    h[this.i + 3] = cursor[3];
  }
  typeId(): number {
    return this.f._ts_tree_cursor_current_node_type_id_wasm(this.t);
  }
  start(): number {
    return this.f._ts_tree_cursor_start_index_wasm(this.t);
  }
  end(): number {
    return this.f._ts_tree_cursor_end_index_wasm(this.t);
  }
  fieldId(): number {
    return this.f._ts_tree_cursor_current_field_id_wasm(this.t);
  }
  firstChild(): boolean {
    return this.f._ts_tree_cursor_goto_first_child_wasm(this.t) === 1;
  }
  nextSibling(): boolean {
    return this.f._ts_tree_cursor_goto_next_sibling_wasm(this.t) === 1;
  }
  parent(): boolean {
    return this.f._ts_tree_cursor_goto_parent_wasm(this.t) === 1;
  }
  done(): void {
    // memory may have grown (new views): read the cursor back before freeing it
    const cursor = this.c as unknown as Record<number, number>;
    const h = this.f.HEAP32;
    cursor[0] = h[this.i];
    cursor[1] = h[this.i + 1];
    cursor[2] = h[this.i + 2];
    cursor[3] = h[this.i + 3];
    this.c.delete();
  }
}

const anonymousNodes = new Map<number, SNode>();

/** The copied tree; `truncated` when nodes below {@link MAX_TREE_DEPTH} were dropped. */
function copyTree(tree: TsTree, src: string, viaRuntime = runtime !== undefined): { root: SNode; truncated: boolean } {
  const c: CursorOps = viaRuntime && runtime ? new RuntimeCursor(tree, runtime) : publicCursor(tree);
  const read = (withField: boolean): SNode => {
    const id = c.typeId();
    const named = id < typeNamed.length ? typeNamed[id] : true;
    const type = id < typeNames.length ? typeNames[id] : 'ERROR';
    const fieldId = withField ? c.fieldId() : 0;
    const field = fieldNames[fieldId] ?? null;
    if (!named) {
      // operators and keywords: one shared (immutable) node per type and field
      const key = id * 256 + fieldId;
      let shared = anonymousNodes.get(key);
      if (!shared) anonymousNodes.set(key, (shared = { type, named, start: -1, end: -1, field, children: NO_CHILDREN }));
      return shared;
    }
    const start = c.start();
    const end = c.end();
    let leaf = LEAF_TYPES.has(type);
    if (type === 'command_name') leaf = PLAIN_NAME.test(src.slice(start, end));
    else if (type === 'string') leaf = !EXPANDS.test(src.slice(start, end));
    return { type, named, start, end, field, children: leaf ? NO_CHILDREN : [] };
  };
  const root = read(false);
  const parents: SNode[] = [];
  let truncated = false;
  if (root.children !== NO_CHILDREN && c.firstChild()) {
    parents.push(root);
    walk: for (;;) {
      const parent = parents[parents.length - 1];
      const n = read(FIELD_PARENTS.has(parent.type));
      parent.children.push(n);
      if (n.children !== NO_CHILDREN) {
        if (parents.length >= MAX_TREE_DEPTH) truncated = true;
        else if (c.firstChild()) {
          parents.push(n);
          continue;
        }
      }
      while (!c.nextSibling()) {
        c.parent();
        parents.pop();
        if (parents.length === 0) break walk;
      }
    }
  }
  c.done();
  return { root, truncated };
}

/** For tests: the copied tree of `text` through the public cursor and through the runtime's functions. */
export function copiedTrees(text: string): { viaPublic: unknown; viaRuntime: unknown; runtimeUsed: boolean } {
  if (!parser) throw new Error('shell parser not loaded: call loadShellParser() first');
  const tree = parser.parse(text)!;
  const viaPublic = copyTree(tree, text, false).root;
  const viaRuntime = copyTree(tree, text, true).root;
  tree.delete();
  return { viaPublic, viaRuntime, runtimeUsed: runtime !== undefined };
}

/** Every Command is made here, so all have one object shape (rules read them often). */
function makeCommand(
  name: string,
  program: string,
  nameWord: ShellWord | undefined,
  args: readonly ShellWord[],
  assignments: Command['assignments'],
  redirects: readonly Redirect[],
  span: Span,
  depth: number,
  pipeline: number,
  piped: boolean,
  conditional: boolean,
): Command {
  return { name, program, nameWord, args, assignments, redirects, span, depth, pipeline, piped, conditional };
}

function namedChildren(n: SNode): SNode[] {
  const out: SNode[] = [];
  for (const c of n.children) if (c.named) out.push(c);
  return out;
}

function childByField(n: SNode, field: string): SNode | undefined {
  for (const c of n.children) if (c.field === field) return c;
  return undefined;
}

/**
 * What a script may cost to parse. tree-sitter's error recovery is quadratic in time and memory on some
 * inputs: `a|a|...|a|!` with ten thousand pipes took 2.4 s and grew the WebAssembly heap to 1.5 GB, and
 * with fifteen thousand the heap hit its 2 GB limit and the runtime aborted. Real scripts parse in well
 * under 50 ms (the corpus's longest, 17 KB, in about 10 ms) and the heap stays at its initial 32 MB.
 * The heap never shrinks, so its growth is the firmer limit; the time limit covers slow machines.
 */
const PARSE_BUDGET_MS = 500;
const PARSE_BUDGET_MS_PER_CHAR = 0.02;
const PARSE_BUDGET_HEAP_GROWTH = 128 * 1024 * 1024;

/** A heap this large after a parse is given back by loading a fresh runtime for the next file. */
const HEAP_RELOAD_BYTES = 256 * 1024 * 1024;

/**
 * Let go of the runtime: after it aborted (it cannot be used again) or after a parse grew its heap
 * (which never shrinks). The rest of the file's scripts are reported as not parsed, and the next file
 * loads a fresh runtime.
 */
function dropRuntime(): void {
  parser = undefined;
  loading = undefined;
  runtime = undefined;
  heapBytes = () => 0;
  reload = true;
}

export function parseShell(l: LogicalText, depth = 0): ShellScript {
  const unparsed = (skipped?: ShellScript['skipped']): ShellScript => ({ text: l.text, map: l.map, commands: [], hasError: true, hasPipe: false, span: mapSpan(l, 0, l.text.length), ...(skipped ? { skipped } : {}) });
  if (!parser) {
    if (reload) return unparsed('failed');
    throw new Error('shell parser not loaded: call loadShellParser() first');
  }
  if (l.text.length > MAX_SCRIPT_LENGTH || depth > MAX_DEPTH) return unparsed(l.text.length > MAX_SCRIPT_LENGTH ? 'too-long' : 'too-deep');
  const deadline = performance.now() + PARSE_BUDGET_MS + l.text.length * PARSE_BUDGET_MS_PER_CHAR;
  const heapLimit = heapBytes() + PARSE_BUDGET_HEAP_GROWTH;
  let late = false;
  let tree: TsTree | null;
  try {
    // tree-sitter calls this now and then while it parses; true cancels the parse
    tree = parser.parse(l.text, null, { progressCallback: () => (late = heapBytes() > heapLimit || performance.now() > deadline) });
  } catch (e) {
    dropRuntime();
    const why = /^Aborted\(/.test((e as Error).message) ? 'its WebAssembly runtime ran out of memory' : (e as Error).message.split('\n')[0];
    notice('shell-parser-failed', `the shell parser failed on a RUN script (${why}); the rest of that file's scripts were not analysed`);
    return unparsed('failed');
  }
  if (!tree) {
    // a cancelled parse would otherwise be resumed by the next one
    parser.reset();
    if (heapBytes() > HEAP_RELOAD_BYTES) dropRuntime();
    return unparsed(late ? 'too-costly' : undefined);
  }
  const rootHasError = tree.rootNode.hasError;
  const { root, truncated } = copyTree(tree, l.text);
  tree.delete();
  if (heapBytes() > HEAP_RELOAD_BYTES) dropRuntime();
  const src = l.text;
  const commands: Command[] = [];
  let pipelineCounter = 0;
  let hasPipe = false;

  const span = (n: SNode): Span => mapSpan(l, n.start, n.end);
  const textOf = (n: SNode): string => (n.named ? src.slice(n.start, n.end) : n.type);

  function word(n: SNode): ShellWord {
    const { value, dynamic } = wordValue(n, src);
    return { raw: textOf(n), value, dynamic, span: span(n) };
  }

  let tooDeep = truncated;
  function visit(n: SNode, d: number, pipeline: number, piped: boolean, conditional: boolean): void {
    if (d > MAX_DEPTH) {
      tooDeep = true;
      return;
    }
    switch (n.type) {
      case 'command': {
        addCommand(n, d, pipeline, piped, conditional, []);
        return;
      }
      case 'declaration_command':
      case 'unset_command': {
        const kw = n.children[0];
        const args: ShellWord[] = [];
        const named = namedChildren(n);
        for (const c of named) args.push(word(c));
        const kwText = kw ? textOf(kw) : '';
        commands.push(makeCommand(kwText, kwText, undefined, args, [], [], span(n), d, pipeline, piped, conditional));
        for (const c of named) visitSubstitutions(c, d + 1);
        return;
      }
      case 'redirected_statement': {
        const named = namedChildren(n);
        const body = childByField(n, 'body') ?? named[0];
        const redirects: Redirect[] = [];
        for (const c of named) {
          if (c === body) continue;
          redirects.push(...redirectsOf(c));
        }
        if (body && body.type === 'command') addCommand(body, d, pipeline, piped, conditional, redirects);
        else if (body) {
          const before = commands.length;
          visit(body, d, pipeline, piped, conditional);
          // tree-sitter-bash wraps `a && b > f` / `a | b > f` whole, but the redirect belongs to the last command
          if ((body.type === 'list' || body.type === 'pipeline') && redirects.length) {
            const end = mapSpan(l, body.start, body.end).end;
            for (let k = commands.length - 1; k >= before; k--) {
              if (commands[k].depth === d && commands[k].span.end === end) {
                const c = commands[k];
                commands[k] = makeCommand(c.name, c.program, c.nameWord, c.args, c.assignments, [...c.redirects, ...redirects], c.span, c.depth, c.pipeline, c.piped, c.conditional);
                break;
              }
            }
          }
        }
        for (const c of named) if (c.type === 'heredoc_redirect') visitSubstitutions(c, d + 1);
        return;
      }
      case 'pipeline': {
        const id = ++pipelineCounter;
        const kids = namedChildren(n);
        if (kids.length > 1) hasPipe = true;
        for (const c of kids) visit(c, d, id, kids.length > 1, conditional);
        return;
      }
      case 'list': {
        // a && b, a || b: the right side of || only runs on failure
        let afterOr = false;
        for (const c of n.children) {
          if (!c.named) {
            afterOr = c.type === '||';
            continue;
          }
          visit(c, d, c.type === 'pipeline' ? pipeline : ++pipelineCounter, piped, conditional || afterOr);
        }
        return;
      }
      case 'subshell':
      case 'compound_statement':
        for (const c of n.children) if (c.named) visit(c, d + 1, ++pipelineCounter, false, conditional);
        return;
      case 'if_statement':
      case 'while_statement':
      case 'elif_clause':
      case 'else_clause':
      case 'case_statement':
      case 'case_item':
      case 'for_statement':
      case 'c_style_for_statement':
      case 'do_group':
      case 'function_definition':
      case 'negated_command':
        for (const c of n.children) if (c.named) visit(c, d + 1, ++pipelineCounter, false, true);
        return;
      case 'variable_assignment':
      case 'variable_assignments':
        visitSubstitutions(n, d + 1);
        return;
      default:
        for (const c of n.children) if (c.named) visit(c, d, ++pipelineCounter, false, conditional);
    }
  }

  function redirectsOf(c: SNode): Redirect[] {
    if (c.type === 'file_redirect' || c.type === 'herestring_redirect') {
      const dest = childByField(c, 'destination') ?? c.children.find((x) => x.named && x.type !== 'file_descriptor');
      const op = c.children.find((x) => !x.named)?.type ?? '>';
      return [{ op, target: dest ? word(dest) : undefined, span: span(c) }];
    }
    if (c.type === 'heredoc_redirect') {
      const out: Redirect[] = [{ op: '<<', span: span(c) }];
      for (const x of c.children) if (x.type === 'file_redirect') out.push(...redirectsOf(x));
      return out;
    }
    return [];
  }

  function addCommand(n: SNode, d: number, pipeline: number, piped: boolean, conditional: boolean, extra: Redirect[]): void {
    let nameNode: SNode | undefined;
    const args: ShellWord[] = [];
    const assignments: { name: string; value: string; span: Span }[] = [];
    const redirects: Redirect[] = [...extra];
    for (const c of n.children) {
      if (c.field === 'name' && !nameNode) nameNode = c;
      if (!c.named) continue;
      if (c.type === 'variable_assignment') {
        const nm = childByField(c, 'name');
        const v = childByField(c, 'value');
        assignments.push({ name: nm ? textOf(nm) : '', value: v ? wordValue(v, src).value : '', span: span(c) });
        continue;
      }
      if (c.type === 'command_name') continue;
      if (c.type.endsWith('_redirect')) {
        redirects.push(...redirectsOf(c));
        continue;
      }
      if (c.type === 'comment') continue;
      args.push(word(c));
    }
    const nameWord = nameNode ? word(nameNode.children.find((x) => x.named) ?? nameNode) : undefined;
    const name = nameWord && !nameWord.dynamic ? nameWord.value : '';
    const cmd = makeCommand(name, basename(name), nameWord, args, assignments, redirects, span(n), d, pipeline, piped, conditional);
    commands.push(cmd);
    // nested scripts: sh -c '...'
    if (SHELLS.has(cmd.program)) {
      const ci = args.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a.value));
      const script = ci >= 0 ? args[ci + 1] : undefined;
      if (script && !script.dynamic) {
        const inner = innerText(l, script);
        if (inner) {
          const sub = parseShell(inner, d + 1);
          for (const c of sub.commands) {
            commands.push(makeCommand(c.name, c.program, c.nameWord, c.args, c.assignments, c.redirects, c.span, c.depth, c.pipeline + 1000 * (pipelineCounter + 1), c.piped, c.conditional || conditional));
          }
          if (sub.hasPipe) hasPipe = true;
        }
      }
    }
    for (const c of n.children) if (c.named) visitSubstitutions(c, d + 1);
  }

  function visitSubstitutions(n: SNode, d: number): void {
    if (d > MAX_DEPTH) {
      tooDeep = true;
      return;
    }
    if (n.type === 'command_substitution' || n.type === 'process_substitution') {
      for (const c of n.children) if (c.named) visit(c, d, ++pipelineCounter, false, true);
      return;
    }
    for (const c of n.children) if (c.named && c.children.length) visitSubstitutions(c, d);
  }

  visit(root, depth, 0, false, false);
  const hasError = rootHasError || tooDeep;
  commands.sort((a, b) => a.span.start - b.span.start);
  return { text: l.text, map: l.map, commands, hasError, hasPipe, span: mapSpan(l, 0, l.text.length), ...(tooDeep ? { skipped: 'too-deep' as const } : {}) };
}

/** The content of a quoted `sh -c` argument as logical text mapped to original offsets. */
function innerText(l: LogicalText, w: ShellWord): LogicalText | null {
  const raw = w.raw;
  // find the word's logical start (first map index with this original offset)
  const startIdx = l.map.indexOf(w.span.start);
  if (startIdx < 0) return null;
  if ((raw.startsWith("'") && raw.endsWith("'")) || (raw.startsWith('"') && raw.endsWith('"') && !raw.includes('\\'))) {
    const text = raw.slice(1, -1);
    const map = l.map.slice(startIdx + 1, startIdx + 1 + text.length);
    map.push((map.length ? map[map.length - 1] : w.span.start) + 1);
    return { text, map };
  }
  if (!/['"\\]/.test(raw)) {
    const map = l.map.slice(startIdx, startIdx + raw.length);
    map.push(w.span.end);
    return { text: raw, map };
  }
  // fall back: processed value mapped onto the word start
  const text = w.value;
  return { text, map: [...Array.from({ length: text.length }, () => w.span.start), w.span.end] };
}

function mapSpan(l: LogicalText, a: number, b: number): Span {
  const at = (k: number) => l.map[Math.max(0, Math.min(k, l.map.length - 1))];
  if (b <= a) return { start: at(a), end: at(a) };
  return { start: at(a), end: at(b - 1) + 1 };
}

function unescapeBare(s: string): string {
  return s.replace(/\\(.)/gs, '$1').replace(/\\$/, '');
}

function wordValue(n: SNode, src: string): { value: string; dynamic: boolean } {
  const text = n.named ? src.slice(n.start, n.end) : n.type;
  switch (n.type) {
    case 'word':
    case 'number':
    case 'variable_name':
    case 'command_name': // a plain one, read as a leaf (see copyTree)
      return { value: text.includes('\\') ? unescapeBare(text) : text, dynamic: false };
    case 'raw_string':
      return { value: text.slice(1, -1), dynamic: false };
    case 'ansi_c_string':
      return { value: text.slice(2, -1), dynamic: false };
    case 'string': {
      const inner = text.slice(1, -1);
      const dynamic = n.children.some((c) => c.named && c.type !== 'string_content');
      return { value: inner.includes('\\') ? inner.replace(/\\([\\"$`])/g, '$1') : inner, dynamic };
    }
    case 'concatenation': {
      let value = '';
      let dynamic = false;
      let anyNamed = false;
      for (const c of n.children) {
        if (!c.named) continue;
        anyNamed = true;
        const v = wordValue(c, src);
        value += v.value;
        dynamic ||= v.dynamic;
      }
      // keep unnamed literal pieces (e.g. '=' between parts)
      if (!anyNamed) value = text;
      return { value: value || text, dynamic };
    }
    default:
      return { value: text, dynamic: true };
  }
}

/** Build the shell script(s) of a RUN instruction: shell form, heredoc bodies run as scripts, `sh -c` strings. */
export function runScripts(ins: Instruction): ShellScript[] {
  // (after the runtime was let go, parseShell reports each script as not parsed)
  if (!parser && !reload) throw new Error('shell parser not loaded: call loadShellParser() first');
  if (ins.form === 'exec') {
    const v = ins.json?.values ?? [];
    // ["sh", "-c", "script"] is a shell script too
    if (v.length >= 3 && SHELLS.has(basename(v[0])) && /^-[a-z]*c[a-z]*$/.test(v[1])) {
      const sp = ins.json!.spans[2];
      const text = v[2];
      const map = Array.from({ length: text.length }, (_, k) => sp.start + 1 + Math.min(k, sp.end - sp.start - 2));
      map.push(sp.end - 1);
      return [parseShell({ text, map })];
    }
    return [];
  }
  const rest = ins.rest;
  if (!ins.heredocs.length) return [parseShell(rest)];
  const scripts: ShellScript[] = [];
  const onlyMarkers = stripMarkers(rest.text, ins.heredocs).trim() === '';
  if (onlyMarkers) {
    for (const h of ins.heredocs) if (isShellBody(h)) scripts.push(parseShell(bodyText(h)));
    return scripts;
  }
  // command line + heredoc bodies as real shell heredocs
  let text = rest.text;
  // loops, not spreads: a spread of a long script's offsets overflows the call stack
  const map = rest.map.slice(0, rest.text.length);
  for (const h of ins.heredocs) {
    text += '\n';
    map.push(h.bodySpan.start);
    const b = bodyText(h);
    text += b.text;
    for (let k = 0; k < b.text.length; k++) map.push(b.map[k]);
    if (b.text && !b.text.endsWith('\n')) {
      text += '\n';
      map.push(h.bodySpan.end);
    }
    text += h.name;
    for (let k = 0; k < h.name.length; k++) map.push((h.delimiterSpan?.start ?? h.bodySpan.end) + k);
  }
  map.push(ins.span.end);
  const main = parseShell({ text, map });
  scripts.push(main);
  // `bash <<EOF` / `sh -s <<EOF`: the body is a script for that shell
  for (const c of main.commands) {
    if (SHELLS.has(c.program) && c.redirects.some((r) => r.op === '<<') && !c.args.some((a) => /^-[a-z]*c/.test(a.value))) {
      for (const h of ins.heredocs) scripts.push(parseShell(bodyText(h), 1));
      break;
    }
  }
  return scripts;
}

function stripMarkers(text: string, heredocs: readonly Heredoc[]): string {
  let t = text;
  for (let k = 0; k < heredocs.length; k++) t = t.replace(/\d*<<-?\s*(["']?)[^\s]*\1/, '');
  return t;
}

function isShellBody(h: Heredoc): boolean {
  const first = h.body.split('\n', 1)[0];
  if (!first.startsWith('#!')) return true;
  return /\b(sh|bash|dash|ash|zsh|ksh)\b/.test(first);
}

/** A heredoc body as logical text (leading tabs stripped for `<<-`), mapped to original offsets. */
export function bodyText(h: Heredoc): LogicalText {
  const raw = h.rawBody;
  const map: number[] = [];
  let text = '';
  let atLineStart = true;
  for (let k = 0; k < raw.length; k++) {
    const c = raw[k];
    if (h.chomp && atLineStart && c === '\t') continue;
    atLineStart = c === '\n';
    text += c;
    map.push(h.bodySpan.start + k);
  }
  map.push(h.bodySpan.end);
  return { text, map };
}
