import type { Severity } from '../../core/diagnostic.js';
import { notice } from '../../core/notices.js';
import { parseSeverity } from '../../core/severity.js';
import type { Instruction } from '../../dockerfile/nodes.js';
import { isWindowsStage } from '../../dockerfile/optimize-queries.js';
import { isNonPosixShell, shellAt } from '../../dockerfile/package-queries.js';
import {
  checkScripts,
  commentSpan,
  DEFAULT_EXCLUDE,
  dialectOf,
  prepareScript,
  shebangProgram,
  type PreparedScript,
  type ShellCheckDialect,
  type ShellCheckLevel,
} from '../../dockerfile/shellcheck.js';
import type { ShellScript } from '../../dockerfile/shell.js';
import type { DockerfileSource } from '../../dockerfile/source.js';
import { defineRule } from '../rule.js';

export interface ShellCheckOptions {
  enabled: boolean;
  path: string;
  /** Seconds one ShellCheck run (a file's scripts) may take before it is stopped. */
  timeout: number;
  shell: string;
  exclude: string[];
  errorSeverity: string;
  warningSeverity: string;
  infoSeverity: string;
  styleSeverity: string;
}

const SHELL_PRAGMA = /^#\s*hadolint\s+shell\s*=\s*(\S+)/i;
const SHELL_PROGRAMS = /^(sh|bash|dash|ash|ksh|mksh|busybox)$/;

/** The shell a RUN runs with: the stage's SHELL, else the last `# hadolint shell=` pragma above it, else /bin/sh. */
export function runShell(source: DockerfileSource, ins: Instruction): string {
  const argv = shellAt(source, ins);
  if (argv?.length) return argv[0];
  const top = ins.parent ?? ins;
  let pragma: string | undefined;
  for (const c of source.comments) {
    if (c.span.start >= top.span.start) break;
    const m = SHELL_PRAGMA.exec(c.text.trim());
    if (m) pragma = m[1];
  }
  if (pragma) return pragma;
  // Windows images run RUN with `cmd /S /C` unless SHELL says otherwise
  return isWindowsStage(source, source.stageOf(top)) ? 'cmd' : '/bin/sh';
}

/** Variable names a RUN can see: ARG/ENV in scope plus the predefined proxy args; an ONBUILD trigger runs in a later build, where only ENV (and the proxies) remain. */
export function runVariables(source: DockerfileSource, ins: Instruction): string[] {
  const out: string[] = [];
  for (const [name, b] of source.scope(ins)) {
    if (ins.parent && b.kind !== 'env' && b.kind !== 'predefined') continue;
    out.push(name);
  }
  return out;
}

/** The program a script is run with: a shebang in it, the shell of an exec-form RUN, the shell fed a heredoc, or the RUN's shell. */
function scriptProgram(source: DockerfileSource, ins: Instruction, script: ShellScript, k: number, scripts: readonly ShellScript[], fallback: string): string {
  const bang = shebangProgram(script.text);
  if (bang) return bang;
  const target = ins.trigger ?? ins;
  if (target.form === 'exec') return target.json?.values[0] ?? fallback;
  if (k > 0 && target.heredocs.length && scripts[0] && !target.heredocs.some((h) => h.bodySpan.start === scripts[0].span.start)) {
    // `RUN bash <<EOF`: the body is a script for that shell
    const feeder = scripts[0].commands.find((c) => SHELL_PROGRAMS.test(c.program) && c.redirects.some((r) => r.op === '<<'));
    if (feeder) return feeder.program;
  }
  return fallback;
}

const LEVEL_OPTION: Record<ShellCheckLevel, keyof ShellCheckOptions> = {
  error: 'errorSeverity',
  warning: 'warningSeverity',
  info: 'infoSeverity',
  style: 'styleSeverity',
};

export default defineRule({
  meta: {
    id: 'shellcheck',
    code: 'DF190',
    target: 'dockerfile',
    category: 'correctness',
    description: 'Runs ShellCheck on RUN scripts (when installed) and reports its findings at their real line and column.',
    recommended: true,
    severity: 'warn',
    messages: {
      finding: '{{code}}: {{message}}',
    },
    options: {
      defaults: {
        enabled: true,
        path: 'shellcheck',
        timeout: 10,
        shell: '',
        exclude: DEFAULT_EXCLUDE,
        errorSeverity: 'error',
        warningSeverity: 'warn',
        infoSeverity: 'info',
        styleSeverity: 'info',
      } as ShellCheckOptions,
      types: {
        enabled: 'boolean',
        path: 'string',
        timeout: 'number',
        shell: 'string',
        exclude: 'string[]',
        errorSeverity: 'string',
        warningSeverity: 'string',
        infoSeverity: 'string',
        styleSeverity: 'string',
      },
    },
    onbuild: true,
  },
  create(ctx) {
    const o = ctx.options;
    const pending: { ins: Instruction; prepared: PreparedScript }[] = [];
    return {
      RUN(ins) {
        if (!o.enabled) return;
        const scripts = ctx.source.shell(ins);
        if (!scripts.length) return;
        const shell = o.shell || runShell(ctx.source, ins);
        const stageDialect = dialectOf(shell);
        if (stageDialect === 'skip') return;
        const names = runVariables(ctx.source, ins);
        scripts.forEach((s, k) => {
          if (!s.text.trim() || s.skipped) return;
          // `RUN powershell -Command …`: the script is PowerShell passed as arguments
          const first = s.commands.find((c) => c.depth === (s.commands[0]?.depth ?? 0));
          if (first && isNonPosixShell(first.program)) return;
          const program = scriptProgram(ctx.source, ins, s, k, scripts, shell);
          const d = o.shell ? stageDialect : dialectOf(program);
          if (d === 'skip' || d === 'unsupported') return;
          pending.push({ ins, prepared: prepareScript(s, d as ShellCheckDialect, names) });
        });
      },
      fileExit() {
        if (!pending.length) return;
        const r = checkScripts(
          pending.map((p) => p.prepared.text),
          { path: o.path, exclude: o.exclude, timeoutMs: o.timeout * 1000 },
        );
        if (!r.ok) {
          notice(
            `shellcheck:${o.path}`,
            r.missing
              ? `ShellCheck (${o.path}) is not installed: RUN scripts are not checked by it. Install it (apt-get install shellcheck, brew install shellcheck) or set the shellcheck rule's "enabled" option to false.`
              : `ShellCheck could not be run: ${r.message}`,
          );
          return;
        }
        const seen = new Set<string>();
        pending.forEach((p, k) => {
          for (const c of r.comments[k] ?? []) {
            const span = commentSpan(p.prepared, c);
            if (!span) continue;
            const code = `SC${c.code}`;
            const key = `${span.start}:${span.end}:${code}`;
            if (seen.has(key)) continue; // a heredoc body checked both as data and as a script
            seen.add(key);
            const sev = parseSeverity(String(o[LEVEL_OPTION[c.level]] ?? 'info')) ?? 'info';
            if (sev === 'off') continue;
            ctx.report({
              at: span,
              messageId: 'finding',
              data: { code, message: c.message },
              aliases: [code],
              severity: sev as Severity,
              facts: { shellcheck: code, level: c.level, wiki: `https://www.shellcheck.net/wiki/${code}` },
            });
          }
        });
      },
    };
  },
});
