import type { FormatName, Formatter } from './types.js';

export { FORMAT_NAMES, type FormatContext, type FormatName, type Formatter } from './types.js';

/** Load a formatter by name (each one is imported only when used, to keep start-up small). */
export async function loadFormatter(name: FormatName): Promise<Formatter> {
  switch (name) {
    case 'tty':
      return (await import('./tty.js')).tty;
    case 'json':
      return (await import('./json.js')).json;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
    case 'github':
      return (await import('./github.js')).github;
    case 'checkstyle':
      return (await import('./checkstyle.js')).checkstyle;
    case 'gitlab':
      return (await import('./gitlab.js')).gitlab;
    case 'junit':
      return (await import('./junit.js')).junit;
  }
}
