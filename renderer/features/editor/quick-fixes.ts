// The obvious repairs for a few lint codes, as text edits on the diagnostic's range: convert a
// timestamp to UTC, add a missing id, rename a dotted property. Pure, so the unit tests can read them.
import { parseTimestamp } from '../../../core/rules/timestamp';

export interface QuickFix {
  readonly title: string;
  /** The new text for the diagnostic's range. */
  readonly replacement: string;
}

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;

const stringLiterals = (text: string) => [...text.matchAll(STRING_LITERAL)].map((m) => ({ at: m.index, raw: m[0] }));

const decode = (raw: string): string | undefined => {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
};

const replaceAt = (text: string, at: number, length: number, by: string) => text.slice(0, at) + by + text.slice(at + length);

/** `"2026-01-01T10:00:00+02:00"` (or a range ending in it) → the same instant in UTC. */
export function utcTimestampFix(rangeText: string): QuickFix | undefined {
  const last = stringLiterals(rangeText).at(-1);
  if (!last) return undefined;
  const value = decode(last.raw);
  const parsed = value === undefined ? undefined : parseTimestamp(value);
  if (!parsed || parsed.isUtc) return undefined;
  return { title: `Convert timestamp to UTC (${parsed.utc})`, replacement: replaceAt(rangeText, last.at, last.raw.length, JSON.stringify(parsed.utc)) };
}

/** `"first.name"` → `"first_name"` (periods are not allowed in property names, spec §4). */
export function renameDottedPropertyFix(rangeText: string): QuickFix | undefined {
  const literal = stringLiterals(rangeText).find((s) => decode(s.raw)?.includes('.'));
  const name = literal && decode(literal.raw);
  if (!literal || name === undefined) return undefined;
  const renamed = name.replaceAll('.', '_');
  return { title: `Rename property to "${renamed}"`, replacement: replaceAt(rangeText, literal.at, literal.raw.length, JSON.stringify(renamed)) };
}

/** An event `{ ... }` → the same event with `"id"` first, keeping the event's layout. */
export function addIdFix(rangeText: string, newId: string): QuickFix | undefined {
  const open = rangeText.indexOf('{');
  if (open < 0) return undefined;
  const rest = rangeText.slice(open + 1);
  const property = `"id": ${JSON.stringify(newId)}`;
  const title = 'Add an id';
  if (/^\s*}/.test(rest)) return { title, replacement: `${rangeText.slice(0, open + 1)}${property}${rest.trimStart()}` };
  const multiline = /^[ \t]*\r?\n([ \t]*)/.exec(rest);
  if (multiline) {
    const indent = multiline[1] ?? '';
    return { title, replacement: `${rangeText.slice(0, open + 1)}\n${indent}${property},${rest}` };
  }
  return { title, replacement: `${rangeText.slice(0, open + 1)} ${property},${rest.startsWith(' ') ? rest : ` ${rest}`}` };
}
