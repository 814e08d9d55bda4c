import { processWord } from '../../dockerfile/expand.js';
import { labelsOf } from '../../dockerfile/label-queries.js';
import { defineRule } from '../rule.js';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

type Problem = 'reserved' | 'uppercase' | 'chars' | 'start' | 'end' | 'doubled';

/** The first way a label key breaks Docker's key format, if any. */
export function labelKeyProblem(key: string): Problem | undefined {
  const lower = key.toLowerCase();
  if (RESERVED.some((r) => lower.startsWith(r))) return 'reserved';
  if (/[A-Z]/.test(key) && !labelKeyProblem(lower)) return 'uppercase';
  if (/[^a-z0-9.-]/.test(key)) return 'chars';
  if (!/^[a-z]/.test(key)) return 'start';
  if (!/[a-z0-9]$/.test(key)) return 'end';
  if (/[.-]{2}/.test(key)) return 'doubled';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'label-key-format',
    code: 'DF651',
    target: 'dockerfile',
    category: 'style',
    description: "A LABEL key does not follow Docker's key format (lower-case, dots and hyphens, no reserved namespace).",
    recommended: true,
    severity: 'info',
    fixable: 'unsafe',
    messages: {
      reserved: 'Label `{{key}}` uses a namespace Docker reserves for itself (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`). Use your own reverse-DNS prefix, such as `com.example.{{tail}}`.',
      uppercase: 'Label `{{key}}` has upper-case letters; label keys are lower-case by convention. Write `{{lower}}`.',
      chars: 'Label `{{key}}` contains `{{char}}`; a label key should contain only lower-case letters, digits, `.` and `-`.',
      start: 'Label `{{key}}` starts with `{{char}}`; a label key should start with a lower-case letter.',
      end: 'Label `{{key}}` ends with `{{char}}`; a label key should end with a lower-case letter or a digit.',
      doubled: 'Label `{{key}}` has two separators in a row (`{{char}}`); separate the parts of a key with a single `.` or `-`.',
    },
    aliases: ['DL3048'],
  },
  create(ctx) {
    return {
      LABEL(ins) {
        for (const l of labelsOf(ctx.source, ins)) {
          if (l.key.includes('$')) {
            // a key from a declared variable is only known at build time; an undeclared one is a typo, judged as written
            let refs: readonly { name: string }[] = [];
            try {
              refs = processWord(l.key, null, ctx.source.escape).refs;
            } catch {
              /* judged as written */
            }
            const scope = ctx.source.scope(ins);
            if (refs.length && refs.every((r) => scope.has(r.name))) continue;
          }
          const problem = labelKeyProblem(l.key);
          if (!problem) continue;
          const key = l.key;
          const char =
            problem === 'chars'
              ? (/[^a-z0-9.-]/.exec(key)?.[0] ?? '')
              : problem === 'start'
                ? key[0]
                : problem === 'end'
                  ? key[key.length - 1]
                  : problem === 'doubled'
                    ? (/[.-]{2}/.exec(key)?.[0] ?? '')
                    : '';
          const tail = key.replace(/^(com\.docker|io\.docker|org\.dockerproject)\./i, '');
          const literal = ctx.source.textOf(l.keySpan) === key;
          ctx.report({
            at: l.keySpan,
            messageId: problem,
            data: { key, char, tail, lower: key.toLowerCase() },
            fixTitle: `Rename the label to ${key.toLowerCase()}`,
            fix: problem === 'uppercase' && literal ? (f) => f.replace(l.keySpan, key.toLowerCase()) : undefined,
          });
        }
      },
    };
  },
});
