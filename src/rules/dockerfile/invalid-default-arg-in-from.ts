import { defineRule } from '../rule.js';

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** Whether `ref` is a syntactically valid image reference (`[registry/]path[:tag][@digest]`). */
export function isValidImageReference(ref: string): boolean {
  return ref.length <= 255 + 128 + 80 && REFERENCE.test(ref);
}

export default defineRule({
  meta: {
    id: 'invalid-default-arg-in-from',
    code: 'DF108',
    target: 'dockerfile',
    category: 'correctness',
    description: 'With only the default values of the global ARGs, the FROM image expands to an empty or invalid reference.',
    recommended: true,
    severity: 'warn',
    messages: {
      empty: 'With the default ARG values `{{raw}}` expands to an empty image name, so the build fails unless `--build-arg` is given. Give {{names}} a default value in the global ARG.',
      invalid: 'With the default ARG values `{{raw}}` expands to `{{value}}`, which is not a valid image reference. Give {{names}} a default value in the global ARG.',
      error: 'With the default ARG values `{{raw}}` cannot be expanded ({{message}}). Give {{names}} a default value in the global ARG.',
    },
    aliases: ['InvalidDefaultArgInFrom'],
  },
  create(ctx) {
    const src = ctx.source;
    return {
      FROM(ins) {
        const image = ins.from?.image;
        if (!image || !image.raw.includes('$')) return;
        const e = src.expand(ins, image.raw);
        const scope = src.scope(ins);
        const names = [...new Set(e.refs.map((r) => r.name))].filter((n) => !scope.get(n)?.value);
        const data = { raw: image.raw, value: e.value, names: names.length ? names.map((n) => `\`${n}\``).join(', ') : 'the ARGs it uses', message: e.error ?? '' };
        if (e.error) {
          ctx.report({ at: image, messageId: 'error', data });
          return;
        }
        if (e.value === '') {
          ctx.report({ at: image, messageId: 'empty', data });
          return;
        }
        if (src.findStage(e.value, ins.stage)) return;
        if (!isValidImageReference(e.value)) ctx.report({ at: image, messageId: 'invalid', data });
      },
    };
  },
});
