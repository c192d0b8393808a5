// (collection, event index, property path) → text range, by walking one event of already-parsed text.
// The parser keeps only event ranges; a property is found here when a diagnostic or a click needs it,
// with the parser's own readers of member and value ranges (this module scans no characters itself).
import { BACKSLASH, OPEN_BRACE, OPEN_BRACKET } from '../json/char-codes';
import type { PathSegment } from '../json/path';
import {
  containerEnds,
  forEachMember,
  parseBatch,
  stringAt,
  valueEnd,
  type EndOf,
  type ParsedBatch,
  type SourceMap,
} from './parse';

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

const keyText = (text: string, start: number, end: number): string => {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? stringAt(text, start) : raw;
};

/** keyText(text, start, end) === name, without a new string for a plain key. */
const keyIs = (text: string, start: number, end: number, name: string): boolean => {
  if (end - start - 2 === name.length && text.startsWith(name, start + 1))
    return !name.includes('"') && !name.includes('\\');
  // A key written with escapes, or a name holding a quote or backslash: decode to compare.
  for (let i = start + 1; i < end - 1; i++) if (text.charCodeAt(i) === BACKSLASH) return stringAt(text, start) === name;
  return false;
};

/** Paths longer than this get a table of container ends (building it costs one pass over the value). */
const DEEP_PATH = 16;

/**
 * The member `segment` of the container whose value starts at pos (for repeated keys: the last one; with
 * `firstWins`, when the text is known to repeat no key, the scan stops at the first).
 */
function child(
  text: string,
  pos: number,
  segment: PathSegment,
  endOf: EndOf = (at) => valueEnd(text, at),
  firstWins = false,
): PropertyRange | undefined {
  const inArray = text.charCodeAt(pos) === OPEN_BRACKET;
  if (inArray && typeof segment !== 'number') return undefined;
  const name = String(segment);
  let found: PropertyRange | undefined;
  let index = 0;
  forEachMember(
    text,
    pos,
    (keyStart, keyEnd, start, end) => {
      if (inArray) {
        if (index++ !== segment) return false;
        found = { value: { start, end } };
        return true;
      }
      if (!keyIs(text, keyStart, keyEnd, name)) return false;
      found = { key: { start: keyStart, end: keyEnd }, value: { start, end } };
      return firstWins;
    },
    endOf,
  );
  return found;
}

/** Every member of the container whose value starts at pos: names (last copy wins) or positions → ranges. */
function membersOf(
  text: string,
  pos: number,
  endOf: EndOf = (at) => valueEnd(text, at),
): Map<PathSegment, PropertyRange> {
  const members = new Map<PathSegment, PropertyRange>();
  const inArray = text.charCodeAt(pos) === OPEN_BRACKET;
  forEachMember(
    text,
    pos,
    (keyStart, keyEnd, start, end) => {
      if (inArray) members.set(members.size, { value: { start, end } });
      else
        members.set(keyText(text, keyStart, keyEnd), {
          key: { start: keyStart, end: keyEnd },
          value: { start, end },
        });
    },
    endOf,
  );
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

  /** `unique`: the text repeats no key in any object (the parser's duplicate-key list is empty). */
  constructor(
    private readonly text: string,
    private readonly unique = false,
  ) {
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
        next = known.get(
          typeof segment === 'number' && this.text.charCodeAt(at) === OPEN_BRACE ? String(segment) : segment,
        );
      else {
        const count = (this.lookups.get(at) ?? 0) + 1;
        if (count >= MEMBERS_AFTER) {
          const all = membersOf(this.text, at, this.endOf);
          this.members.set(at, all);
          next = all.get(
            typeof segment === 'number' && this.text.charCodeAt(at) === OPEN_BRACE ? String(segment) : segment,
          );
        } else {
          this.lookups.set(at, count);
          next = child(this.text, at, segment, this.endOf, this.unique);
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
  let found: TextRange | undefined;
  forEachMember(text, objectStart, (keyStart, keyEnd) => {
    if (!keyIs(text, keyStart, keyEnd, key)) return false;
    found = { start: keyStart, end: keyEnd };
    return true;
  });
  return found;
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
