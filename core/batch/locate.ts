// (collection, event index, property path) → text range, by re-scanning one event of already-parsed text.
// The parser keeps only event ranges; a property is found here when a diagnostic or a click needs it.
import type { PathSegment } from '../json/path';
import { parseBatch, type ParsedBatch, type SourceMap } from './parse';

/** A half-open range of 0-based offsets (UTF-16 code units). */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Where a property sits: its name (absent for array items) and its value. */
export interface PropertyRange {
  readonly key?: TextRange;
  readonly value: TextRange;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const skipSpace = (text: string, pos: number): number => {
  while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  return pos;
};

/** End (after the closing quote) of the string opening at pos. */
const stringEnd = (text: string, pos: number): number => {
  // indexOf hops to the next quote; a quote preceded by an odd run of backslashes is escaped.
  for (let quote = text.indexOf('"', pos + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
  }
  return text.length;
};

/** End of the valid JSON value starting at pos, without recursion. */
export function valueEnd(text: string, pos: number): number {
  let depth = 0;
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
      if (depth === 0) return i;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && !isSpace(c)) {
      // A number or literal at the top: it ends at the first delimiter.
      let j = i;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (isSpace(d) || d === 0x2c || d === 0x7d || d === 0x5d) break;
        j++;
      }
      return j;
    }
    i++;
  }
  return i;
}

const keyText = (text: string, start: number, end: number): string => {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
};

/** keyText(text, start, end) === name, without a new string for a plain key. */
const keyIs = (text: string, start: number, end: number, name: string): boolean => {
  if (end - start - 2 === name.length && text.startsWith(name, start + 1))
    return !name.includes('"') && !name.includes('\\');
  // A key written with escapes, or a name holding a quote or backslash: decode to compare.
  for (let i = start + 1; i < end - 1; i++) if (text.charCodeAt(i) === 0x5c) return keyText(text, start, end) === name;
  return false;
};

/** Where the value starting at an offset ends: a scan by default, a table look-up for deep paths. */
type EndOf = (pos: number) => number;

/**
 * The ends of every container of the valid JSON value at `start`, from one pass: a path thousands of
 * levels deep would otherwise re-scan the rest of the value at every level (quadratic, issue 8 §3).
 */
function containerEnds(text: string, start: number): EndOf {
  const end = valueEnd(text, start);
  const ends = new Int32Array(end - start);
  const open = new Int32Array(end - start);
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i) - 1;
    else if (c === 0x7b || c === 0x5b) open[depth++] = i;
    else if (c === 0x7d || c === 0x5d) {
      const from = open[--depth] as number;
      ends[from - start] = i + 1;
    }
  }
  return (pos) => {
    const c = text.charCodeAt(pos);
    return (c === 0x7b || c === 0x5b) && pos >= start && pos < end
      ? (ends[pos - start] as number)
      : valueEnd(text, pos);
  };
}

/** Paths longer than this get a table of container ends (building it costs one pass over the value). */
const DEEP_PATH = 16;

/** The member `segment` of the container whose value starts at pos (for repeated keys: the last one). */
function child(
  text: string,
  pos: number,
  segment: PathSegment,
  endOf: EndOf = (at) => valueEnd(text, at),
): PropertyRange | undefined {
  const open = text.charCodeAt(pos);
  if (open === 0x5b) {
    if (typeof segment !== 'number') return undefined;
    let i = skipSpace(text, pos + 1);
    if (text.charCodeAt(i) === 0x5d) return undefined;
    for (let index = 0; ; index++) {
      const end = endOf(i);
      if (index === segment) return { value: { start: i, end } };
      i = skipSpace(text, end);
      if (text.charCodeAt(i) !== 0x2c) return undefined;
      i = skipSpace(text, i + 1);
    }
  }
  if (open !== 0x7b) return undefined;
  const name = String(segment);
  let found: PropertyRange | undefined;
  let i = skipSpace(text, pos + 1);
  while (text.charCodeAt(i) === 0x22) {
    const keyEnd = stringEnd(text, i);
    const keyStart = i;
    i = skipSpace(text, keyEnd);
    i = skipSpace(text, i + 1); // the colon
    const end = endOf(i);
    if (keyIs(text, keyStart, keyEnd, name))
      found = { key: { start: keyStart, end: keyEnd }, value: { start: i, end } };
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 0x2c) break;
    i = skipSpace(text, i + 1);
  }
  return found;
}

/** Every member of the container whose value starts at pos: names (last copy wins) or positions → ranges. */
function membersOf(
  text: string,
  pos: number,
  endOf: EndOf = (at) => valueEnd(text, at),
): Map<PathSegment, PropertyRange> {
  const members = new Map<PathSegment, PropertyRange>();
  const open = text.charCodeAt(pos);
  if (open === 0x5b) {
    let i = skipSpace(text, pos + 1);
    if (text.charCodeAt(i) === 0x5d) return members;
    for (let index = 0; ; index++) {
      const end = endOf(i);
      members.set(index, { value: { start: i, end } });
      i = skipSpace(text, end);
      if (text.charCodeAt(i) !== 0x2c) return members;
      i = skipSpace(text, i + 1);
    }
  }
  if (open !== 0x7b) return members;
  let i = skipSpace(text, pos + 1);
  while (text.charCodeAt(i) === 0x22) {
    const keyStart = i;
    const keyEnd = stringEnd(text, i);
    i = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const end = endOf(i);
    members.set(keyText(text, keyStart, keyEnd), { key: { start: keyStart, end: keyEnd }, value: { start: i, end } });
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 0x2c) break;
    i = skipSpace(text, i + 1);
  }
  return members;
}

/**
 * Locates many paths in one text. A container looked up a few times is scanned once more and its members
 * kept, so an event with thousands of problems is not re-scanned for each (only the latest event's
 * containers are kept, to bound memory); one or two problems per event just scan.
 */
/** Look-ups of one container before its members are kept. */
const MEMBERS_AFTER = 3;

export class PathLocator {
  private event = -1;
  private readonly lookups = new Map<number, number>();
  private readonly members = new Map<number, Map<PathSegment, PropertyRange>>();
  private readonly scanEnd: EndOf;
  private endOf: EndOf;
  // True once this event's container ends are tabled (a deep path was asked for).
  private deep = false;

  constructor(private readonly text: string) {
    this.scanEnd = (at) => valueEnd(text, at);
    this.endOf = this.scanEnd;
  }

  locate(eventStart: number, path: readonly PathSegment[]): PropertyRange | undefined {
    if (eventStart !== this.event) {
      this.event = eventStart;
      this.lookups.clear();
      this.members.clear();
      this.endOf = this.scanEnd;
      this.deep = false;
    }
    if (path.length > DEEP_PATH && !this.deep) {
      this.deep = true;
      this.endOf = containerEnds(this.text, eventStart);
    }
    let current: PropertyRange = { value: { start: eventStart, end: -1 } };
    for (const segment of path) {
      const at = current.value.start;
      const known = this.members.get(at);
      let next: PropertyRange | undefined;
      if (known)
        next = known.get(typeof segment === 'number' && this.text.charCodeAt(at) === 0x7b ? String(segment) : segment);
      else {
        const count = (this.lookups.get(at) ?? 0) + 1;
        if (count >= MEMBERS_AFTER) {
          const all = membersOf(this.text, at, this.endOf);
          this.members.set(at, all);
          next = all.get(typeof segment === 'number' && this.text.charCodeAt(at) === 0x7b ? String(segment) : segment);
        } else {
          this.lookups.set(at, count);
          next = child(this.text, at, segment, this.endOf);
        }
      }
      if (!next) return undefined;
      current = next;
    }
    return current.value.end === -1 ? { value: { start: eventStart, end: this.endOf(eventStart) } } : current;
  }
}

/** Range of the value at `path` inside the value starting at `start` (valid JSON text), or undefined. */
export function locatePath(text: string, start: number, path: readonly PathSegment[]): PropertyRange | undefined {
  const endOf = path.length > DEEP_PATH ? containerEnds(text, start) : (at: number) => valueEnd(text, at);
  let current: PropertyRange = { value: { start, end: endOf(start) } };
  for (const segment of path) {
    const next = child(text, current.value.start, segment, endOf);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

/** The first occurrence of a repeated key in the object opening at objectStart. */
export function firstKeyRange(text: string, objectStart: number, key: string): TextRange | undefined {
  let i = skipSpace(text, objectStart + 1);
  while (text.charCodeAt(i) === 0x22) {
    const keyEnd = stringEnd(text, i);
    if (keyIs(text, i, keyEnd, key)) return { start: i, end: keyEnd };
    i = skipSpace(text, keyEnd);
    i = valueEnd(text, skipSpace(text, i + 1));
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== 0x2c) break;
    i = skipSpace(text, i + 1);
  }
  return undefined;
}

const mapOf = (source: string | ParsedBatch | SourceMap): SourceMap | undefined => {
  if (typeof source === 'string') {
    const parsed = parseBatch(source);
    return parsed.ok ? parsed.map : undefined;
  }
  return 'map' in source ? source.map : source;
};

/**
 * Range of one event (its value, `{` to `}`), for selecting it in the editor when a result row is clicked.
 * Pass the parse result when you have it; a text is parsed first.
 */
export function locateEvent(
  source: string | ParsedBatch | SourceMap,
  collection: string,
  index: number,
): TextRange | undefined {
  const map = mapOf(source);
  const range = map?.collections.get(collection);
  const start = range?.eventStarts[index];
  const end = range?.eventEnds[index];
  return start === undefined || end === undefined ? undefined : { start, end };
}

/** Range of a property inside one event: `key` for a name problem, `value` for a value problem. */
export function locateProperty(
  source: string | ParsedBatch | SourceMap,
  collection: string,
  index: number,
  path: readonly PathSegment[],
): PropertyRange | undefined {
  const map = mapOf(source);
  const event = map ? locateEvent(map, collection, index) : undefined;
  return map && event ? locatePath(map.text, event.start, path) : undefined;
}
