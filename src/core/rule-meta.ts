import type { Applicability, Category, Severity } from './diagnostic.js';

export type OptionType = 'string' | 'number' | 'boolean' | 'string[]';

export interface RuleMeta<Options = Record<string, unknown>, MessageId extends string = string> {
  /** kebab-case; equals the file name and docs/rules/<id>.md. */
  readonly id: string;
  /** DF1xx..DF6xx (Dockerfile) / IM1xx..IM6xx (image); the hundreds digit is the category. */
  readonly code: string;
  readonly target: 'dockerfile' | 'image';
  readonly category: Category;
  /** One line; used by `ballast rules`, SARIF shortDescription and the docs. */
  readonly description: string;
  readonly recommended: boolean;
  readonly severity: Severity;
  /** The strongest fix the rule may emit; absent means it never fixes. */
  readonly fixable?: Applicability;
  readonly hasSuggestions?: boolean;
  readonly messages: Readonly<Record<MessageId, string>>;
  readonly options?: { readonly defaults: Options; readonly types: Readonly<Record<keyof Options & string, OptionType>> };
  /** hadolint codes and BuildKit check names this rule covers. */
  readonly aliases?: readonly string[];
  /** Also run on ONBUILD triggers. */
  readonly onbuild?: boolean;
  /** Off in every preset unless asked for by name (experimental checks). */
  readonly experimental?: boolean;
  /**
   * Programs the rule's RUN handler looks for: when given, the handler is only called for a RUN (or an
   * `ONBUILD RUN` trigger) whose commands run one of them. A command counts by its program (the
   * basename, `pip3` for `/usr/bin/pip3`), as written or as run by a wrapper such as `sudo` or
   * `env X=1` (see `packageCommands`), nested `sh -c` scripts included. A string matches one program
   * exactly, a RegExp any program it matches. Only declare this when the handler can report nothing,
   * and change no state the rule's other handlers use, for a RUN without these programs.
   */
  readonly programs?: readonly (string | RegExp)[];
}

export const categoryDigit: Record<Category, string> = {
  correctness: '1',
  cache: '2',
  size: '3',
  security: '4',
  reproducibility: '5',
  style: '6',
};

const applicabilityRank: Record<Applicability, number> = { safe: 3, unsafe: 2, 'display-only': 1 };

/** true when `a` is no stronger than `max` (safe > unsafe > display-only). */
export function withinApplicability(a: Applicability, max: Applicability | undefined): boolean {
  if (!max) return false;
  return applicabilityRank[a] <= applicabilityRank[max];
}
