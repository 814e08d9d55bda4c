/** Where the project's documentation lives; rule pages are derived from the rule id. */
export const REPOSITORY_URL = 'https://github.com/ballast-tools/ballast';

export function ruleDocsUrl(id: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${id}.md`;
}
