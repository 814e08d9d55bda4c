import type { Severity } from './diagnostic.js';

export const severityRank: Record<Severity, number> = { info: 1, warn: 2, error: 3 };

export type FailOn = Severity | 'none';

/** Accepts our names and hadolint's (warning, style, ignore). */
export function parseSeverity(value: string): Severity | 'off' | undefined {
  switch (value.toLowerCase()) {
    case 'error':
      return 'error';
    case 'warn':
    case 'warning':
      return 'warn';
    case 'info':
    case 'style':
    case 'note':
      return 'info';
    case 'off':
    case 'ignore':
    case 'none':
      return 'off';
    default:
      return undefined;
  }
}

export function parseFailOn(value: string): FailOn | undefined {
  const v = value.toLowerCase();
  if (v === 'none' || v === 'never') return 'none';
  const s = parseSeverity(v);
  return s === 'off' ? 'none' : s;
}

export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  if (threshold === 'none') return false;
  return severityRank[severity] >= severityRank[threshold];
}

export const sarifLevel: Record<Severity, 'note' | 'warning' | 'error'> = { info: 'note', warn: 'warning', error: 'error' };
export const githubLevel: Record<Severity, 'notice' | 'warning' | 'error'> = { info: 'notice', warn: 'warning', error: 'error' };
export const checkstyleLevel: Record<Severity, 'info' | 'warning' | 'error'> = { info: 'info', warn: 'warning', error: 'error' };
