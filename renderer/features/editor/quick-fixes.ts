// The obvious repairs for a few lint codes, as text edits on the diagnostic's range: convert a
// timestamp to UTC or its nearest valid form, add or renew an id, rename a dotted property or an
// invalid collection. Pure, so the unit tests can read them.
import { collectionNameProblem } from '../../../core/rules/batch-rules';
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

const replaceAt = (text: string, at: number, length: number, by: string) =>
  text.slice(0, at) + by + text.slice(at + length);

/** `"2026-01-01T10:00:00+02:00"` (or a range ending in it) → the same instant in UTC. */
export function utcTimestampFix(rangeText: string): QuickFix | undefined {
  const last = stringLiterals(rangeText).at(-1);
  if (!last) return undefined;
  const value = decode(last.raw);
  const parsed = value === undefined ? undefined : parseTimestamp(value);
  if (!parsed || parsed.isUtc) return undefined;
  return {
    title: `Convert timestamp to UTC (${parsed.utc})`,
    replacement: replaceAt(rangeText, last.at, last.raw.length, JSON.stringify(parsed.utc)),
  };
}

/** `"first.name"` → `"first_name"` (periods are not allowed in property names, spec §4). */
export function renameDottedPropertyFix(rangeText: string): QuickFix | undefined {
  const literal = stringLiterals(rangeText).find((s) => decode(s.raw)?.includes('.'));
  const name = literal && decode(literal.raw);
  if (!literal || name === undefined) return undefined;
  const renamed = name.replaceAll('.', '_');
  return {
    title: `Rename property to "${renamed}"`,
    replacement: replaceAt(rangeText, literal.at, literal.raw.length, JSON.stringify(renamed)),
  };
}

/** An event `{ ... }` → the same event with `"id"` first, keeping the event's layout. */
export function addIdFix(rangeText: string, newId: string): QuickFix | undefined {
  const open = rangeText.indexOf('{');
  if (open < 0) return undefined;
  const rest = rangeText.slice(open + 1);
  const property = `"id": ${JSON.stringify(newId)}`;
  const title = 'Add an id';
  if (/^\s*}/.test(rest))
    return { title, replacement: `${rangeText.slice(0, open + 1)}${property}${rest.trimStart()}` };
  const multiline = /^[ \t]*\r?\n([ \t]*)/.exec(rest);
  if (multiline) {
    const indent = multiline[1] ?? '';
    return { title, replacement: `${rangeText.slice(0, open + 1)}\n${indent}${property},${rest}` };
  }
  return {
    title,
    replacement: `${rangeText.slice(0, open + 1)} ${property},${rest.startsWith(' ') ? rest : ` ${rest}`}`,
  };
}

/** Candidate rewrites of a timestamp the API refuses, most faithful first (each is checked by the real rule). */
function timestampCandidates(value: string): string[] {
  const trimmed = value.trim();
  const candidates: string[] = [trimmed];
  // spec §4: a date without a time is refused; midnight UTC is the reading people mean.
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) candidates.push(`${trimmed}T00:00:00.000Z`);
  const spaced = trimmed.replace(/^(\d{4}-\d{2}-\d{2})[ _](\d)/, '$1T$2');
  const withSeconds = spaced.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?=$|Z|[+-]\d)/, '$1:00');
  candidates.push(
    spaced,
    withSeconds,
    withSeconds.replace(/ ?UTC$/i, 'Z'),
    withSeconds.replace(/([+-]\d{2})$/, '$1:00'),
  );
  return candidates;
}

/** Epoch seconds or milliseconds (a number the API refuses) as the UTC date-time they stand for. */
function fromEpoch(value: number): string | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  // Below 10^11 a number reads as seconds (until the year 5138), above as milliseconds.
  const millis = value < 1e11 ? value * 1000 : value;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A refused timestamp value (the marked string or number) → its nearest valid UTC form, where one is derivable. */
export function nearestTimestampFix(rangeText: string): QuickFix | undefined {
  // The marked value itself, or (a range that spans the property) its last string.
  const raw = /^\s*-?\d/.test(rangeText) ? rangeText.trim() : stringLiterals(rangeText).at(-1)?.raw;
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const utc =
    typeof value === 'number'
      ? fromEpoch(value)
      : typeof value === 'string'
        ? timestampCandidates(value)
            .map((candidate) => parseTimestamp(candidate)?.utc)
            .find((found) => found !== undefined)
        : undefined;
  if (utc === undefined) return undefined;
  return {
    title: `Write the timestamp as ${utc}`,
    replacement: replaceAt(rangeText, rangeText.lastIndexOf(raw), raw.length, JSON.stringify(utc)),
  };
}

/** The marked id value (string or number) → a fresh UUID, for an id the collection already used. */
export function newIdFix(rangeText: string, newId: string): QuickFix | undefined {
  const raw = rangeText.trim();
  if (raw === '') return undefined;
  return {
    title: 'Give this event a new id',
    replacement: replaceAt(rangeText, rangeText.indexOf(raw), raw.length, JSON.stringify(newId)),
  };
}

/** The marked collection name → a valid one (no leading $, 1 to 255 characters) that the batch does not use yet. */
export function renameCollectionFix(rangeText: string, taken: ReadonlySet<string>): QuickFix | undefined {
  const literal = stringLiterals(rangeText)[0];
  const name = literal && decode(literal.raw);
  if (!literal || name === undefined || collectionNameProblem(name) === undefined) return undefined;
  const base = name.replace(/^\$+/, '').slice(0, 255) || 'events';
  let renamed = base;
  for (let n = 2; taken.has(renamed); n += 1) renamed = `${base.slice(0, 250)}_${n}`;
  return {
    title: `Rename collection to "${renamed}"`,
    replacement: replaceAt(rangeText, literal.at, literal.raw.length, JSON.stringify(renamed)),
  };
}
