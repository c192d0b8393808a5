// Names for files exported from a run that say what they hold: source, target and time (never a UUID).
import type { RunMeta } from './run';

export type RunExportKind = 'results.csv' | 'results.json' | 'results.xml' | 'failed.json';

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\.[A-Za-z0-9]{1,8}$/, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40) || 'batch';

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** `2026-12-01T21:50:43.120Z` → `20261201-215043`. */
export const compactTime = (iso: string): string =>
  iso
    .replace(/\.\d+Z?$|Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');

export function runExportName(run: Pick<RunMeta, 'source' | 'target' | 'startedAt'>, kind: RunExportKind): string {
  const source = slug(run.source.split(/[\\/]/).pop() ?? run.source);
  const target = slug(run.target.name ?? hostOf(run.target.url));
  return `${source}-to-${target}-${compactTime(run.startedAt)}-${kind}`;
}
