// Batch text → the value JSON.parse would give plus a source map, in one pass of a hand-written scanner:
// the one strict JSON scanner of the app. No recursion: the stack of open containers is an array, so
// 100,000 nested `[` parse like any other text. Only collection and event ranges are kept eagerly; the
// ranges inside an event are read on demand from parsed text by the same token readers (valueEnd,
// forEachMember, containerEnds; locate.ts walks paths with them), which keeps memory near JSON.parse's
// own at 100,000 events.
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DOT,
  MINUS,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from '../json/char-codes';
import type { PathSegment } from '../json/path';
import { positionAt } from './position';

export interface ParseError {
  /** For a person: what is wrong and what to do. */
  readonly message: string;
  /** 0-based offset (UTF-16 code units) of the first error. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Where one collection sits in the text (for a repeated name: its last occurrence, the one that counts). */
export interface CollectionRange {
  readonly name: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Start and end (exclusive) offsets of each event, by index; empty when the value is not an array. */
  readonly eventStarts: readonly number[];
  readonly eventEnds: readonly number[];
}

/** A key that repeats inside one object; the later value wins, as in JSON.parse. */
export interface DuplicateKey {
  /** Path from the document root to the repeated key (its first segment is the collection for a batch). */
  readonly path: readonly PathSegment[];
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Offset of the `{` of the object holding it, to find the earlier occurrence on demand. */
  readonly objectStart: number;
}

export interface SourceMap {
  readonly text: string;
  /** Range of the whole document value. */
  readonly rootStart: number;
  readonly rootEnd: number;
  /** Collections in document order of their first appearance (the order of Object.keys of the batch). */
  readonly collections: ReadonlyMap<string, CollectionRange>;
  readonly duplicateKeys: readonly DuplicateKey[];
}

export interface ParsedBatch {
  readonly ok: true;
  readonly value: unknown;
  readonly map: SourceMap;
}

export interface FailedParse {
  readonly ok: false;
  readonly error: ParseError;
}

export type ParseResult = ParsedBatch | FailedParse;

class SyntaxProblem {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

const CONTROL_NAMES: Record<number, string> = {
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x08: 'a backspace',
  0x0c: 'a form feed',
};
const ESCAPES: Record<number, string> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};

/** How a character is shown in an error message. */
export function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the text';
  const code = text.codePointAt(offset) ?? 0;
  if (code < 0x20 || code === 0x7f)
    return CONTROL_NAMES[code] ?? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0xfeff) return 'a byte-order mark (U+FEFF)';
  if (code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0x3000)
    return `the non-JSON space U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${String.fromCodePoint(code)}\``;
}

/** A word like `True`, `undefined`, `NaN` or `'x'` starting at offset, for messages. */
const wordAt = (text: string, offset: number): string => {
  let end = offset;
  while (end < text.length && end - offset < 20 && /[A-Za-z0-9_$+\-.]/.test(text.charAt(end))) end++;
  return text.slice(offset, Math.max(end, offset + 1));
};

function unexpectedValue(text: string, at: number): SyntaxProblem {
  if (at >= text.length)
    return new SyntaxProblem('The text ends where a value was expected: the JSON is incomplete.', at);
  const c = text.charCodeAt(at);
  if (c === 0x27) return new SyntaxProblem('Strings need double quotes ("), not single quotes.', at);
  if (c === 0x2f && (text.charCodeAt(at + 1) === 0x2f || text.charCodeAt(at + 1) === 0x2a)) {
    return new SyntaxProblem('Comments are not allowed in JSON: remove them.', at);
  }
  if (c === CLOSE_BRACKET || c === CLOSE_BRACE)
    return new SyntaxProblem(`Expected a value, found ${describeChar(text, at)}.`, at);
  if (c === 0xfeff)
    return new SyntaxProblem(
      'The text starts with a byte-order mark (U+FEFF), which JSON does not allow: save the file without it.',
      at,
    );
  if (/[A-Za-z_$]/.test(text.charAt(at))) {
    const word = wordAt(text, at);
    return new SyntaxProblem(
      `Unknown word \`${word}\`: JSON values are objects, arrays, "strings" in double quotes, numbers, true, false and null (lower case).`,
      at,
    );
  }
  if (c === 0x2b || c === DOT)
    return new SyntaxProblem(`Invalid number: JSON numbers cannot start with ${describeChar(text, at)}.`, at);
  return new SyntaxProblem(`Expected a value, found ${describeChar(text, at)}.`, at);
}

function afterMember(text: string, at: number, closer: number): SyntaxProblem {
  const inObject = closer === CLOSE_BRACE;
  const where = inObject ? 'property' : 'array item';
  const close = inObject ? '`}`' : '`]`';
  if (at >= text.length) {
    return new SyntaxProblem(
      `The text ends inside ${inObject ? 'an object' : 'an array'}: expected \`,\` or ${close}.`,
      at,
    );
  }
  const c = text.charCodeAt(at);
  if (
    c === QUOTE ||
    c === OPEN_BRACE ||
    c === OPEN_BRACKET ||
    isDigit(c) ||
    c === MINUS ||
    /[tfn]/.test(text.charAt(at))
  ) {
    return new SyntaxProblem(
      `Missing comma: expected \`,\` or ${close} after the ${where}, found ${describeChar(text, at)}.`,
      at,
    );
  }
  if (c === 0x2f && (text.charCodeAt(at + 1) === 0x2f || text.charCodeAt(at + 1) === 0x2a)) {
    return new SyntaxProblem('Comments are not allowed in JSON: remove them.', at);
  }
  const wrong = c === CLOSE_BRACE ? '`}`' : c === CLOSE_BRACKET ? '`]`' : undefined;
  if (wrong)
    return new SyntaxProblem(
      `Mismatched bracket: ${wrong} closes ${inObject ? 'an object opened with `{`' : 'an array opened with `[`'}; expected ${close}.`,
      at,
    );
  return new SyntaxProblem(`Expected \`,\` or ${close} after the ${where}, found ${describeChar(text, at)}.`, at);
}

function expectedKey(text: string, at: number, afterComma: boolean): SyntaxProblem {
  if (at >= text.length)
    return new SyntaxProblem('The text ends where a property name was expected: the JSON is incomplete.', at);
  const c = text.charCodeAt(at);
  if (c === CLOSE_BRACE && afterComma) return new SyntaxProblem('Trailing comma before `}`: remove the comma.', at);
  if (c === 0x27) return new SyntaxProblem('Property names need double quotes ("), not single quotes.', at);
  if (c === 0x2f && (text.charCodeAt(at + 1) === 0x2f || text.charCodeAt(at + 1) === 0x2a)) {
    return new SyntaxProblem('Comments are not allowed in JSON: remove them.', at);
  }
  if (/[A-Za-z_$]/.test(text.charAt(at))) {
    return new SyntaxProblem(`Property names need double quotes: write "${wordAt(text, at)}".`, at);
  }
  return new SyntaxProblem(`Expected a property name in double quotes, found ${describeChar(text, at)}.`, at);
}

const setOwn = (object: Record<string, unknown>, key: string, value: unknown): void => {
  // JSON.parse creates an own "__proto__" property; plain assignment would change the prototype.
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
};

/**
 * Parses a batch text. The value equals JSON.parse(text) (a repeated key: the last wins); the map
 * gives collection and event ranges; repeated keys are listed for the `duplicate-key` rule.
 */
export function parseBatch(text: string): ParseResult {
  return finish(parseBatchSteps(text, Infinity));
}

/** Runs steps to their end, without pausing. */
export function finish<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * parseBatch in steps: pauses (yields the offset reached) about every `stride` characters (256 Ki by default), so a caller
 * can give its event loop a turn (a signal, a cancel) during a long parse. The result is parseBatch's.
 */
export function* parseBatchSteps(text: string, stride = 1 << 18): Generator<number, ParseResult> {
  try {
    return yield* scan(text, stride);
  } catch (problem) {
    if (!(problem instanceof SyntaxProblem)) throw problem;
    const { line, column } = positionAt(text, problem.offset);
    return { ok: false, error: { message: problem.message, offset: problem.offset, line, column } };
  }
}

const isSpaceCode = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** First offset at or after pos that is not JSON whitespace. */
function skipSpace(text: string, pos: number): number {
  while (pos < text.length && isSpaceCode(text.charCodeAt(pos))) pos++;
  return pos;
}

function controlInString(text: string, at: number): SyntaxProblem {
  const c = text.charCodeAt(at);
  if (c === 0x0a || c === 0x0d) {
    return new SyntaxProblem(
      'Line break inside a string: close the string with `"` on the same line, or write \\n.',
      at,
    );
  }
  return new SyntaxProblem(
    `A string cannot contain ${describeChar(text, at)} as is: escape it (\\t for a tab, \\u00XX otherwise).`,
    at,
  );
}

const unclosedString = (open: number): SyntaxProblem =>
  new SyntaxProblem('This string is never closed: add the closing `"`.', open);

/**
 * Offset of the closing quote of the string opening at `open` when it has no escapes, or -1 when it
 * has some (then decodeString reads it). Throws at a raw control character or a missing quote.
 */
function plainStringEnd(text: string, open: number): number {
  const n = text.length;
  for (let i = open + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH) return -1;
    if (c < 0x20) throw controlInString(text, i);
  }
  throw unclosedString(open);
}

// The hash of the last key keyEnd read: a second return value without an allocation.
let keyHash = 0;

/** Like plainStringEnd, for a key: also hashes it into keyHash. */
function keyEnd(text: string, open: number): number {
  const n = text.length;
  let hash = 0;
  for (let i = open + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      keyHash = hash;
      return i;
    }
    if (c === BACKSLASH) return -1;
    if (c < 0x20) throw controlInString(text, i);
    hash = (Math.imul(hash, 31) + c) | 0;
  }
  throw unclosedString(open);
}

// Where the last decodeString stopped (after the closing quote): a second return value without an allocation.
let decodedEnd = 0;

/** The value of the string opening at `open`, escapes decoded; sets decodedEnd. */
function decodeString(text: string, open: number): string {
  const n = text.length;
  let i = open + 1;
  let out = '';
  for (;;) {
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === QUOTE || d === BACKSLASH || d < 0x20) break;
      j++;
    }
    if (j > i) out += text.slice(i, j);
    i = j;
    if (i >= n) throw unclosedString(open);
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      decodedEnd = i + 1;
      return out;
    }
    if (c < 0x20) throw controlInString(text, i);
    const e = text.charCodeAt(i + 1);
    if (e === 0x75) {
      for (let k = 2; k < 6; k++) {
        if (!isHex(text.charCodeAt(i + k)))
          throw new SyntaxProblem('Invalid unicode escape: `\\u` must be followed by four hexadecimal digits.', i);
      }
      out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 6;
      continue;
    }
    const escaped = ESCAPES[e];
    if (escaped === undefined) {
      if (i + 1 >= n) throw unclosedString(open);
      throw new SyntaxProblem(
        `Invalid escape \`\\${text.charAt(i + 1)}\` in a string: JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX (write \\\\ for a backslash).`,
        i,
      );
    }
    out += escaped;
    i += 2;
  }
}

/** End of the number starting at pos, checked against JSON's grammar. */
function numberEnd(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === MINUS) i++;
  const first = text.charCodeAt(i);
  if (first === 0x30) {
    i++;
    if (isDigit(text.charCodeAt(i)))
      throw new SyntaxProblem('Invalid number: JSON numbers cannot have leading zeros.', start);
  } else if (isDigit(first)) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  } else {
    throw new SyntaxProblem('Invalid number: a digit must follow `-`.', start);
  }
  if (text.charCodeAt(i) === DOT) {
    i++;
    if (!isDigit(text.charCodeAt(i)))
      throw new SyntaxProblem('Invalid number: a digit must follow the decimal point.', start);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === MINUS) i++;
    if (!isDigit(text.charCodeAt(i))) throw new SyntaxProblem('Invalid number: the exponent needs digits.', start);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** The value of a checked number token: short plain integers summed directly, the rest by Number(). */
function numberValue(text: string, start: number, end: number): number {
  if (end - start < 10) {
    let v = 0;
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c < 0x30 || c > 0x39) return Number(text.slice(start, end));
      v = v * 10 + (c - 0x30);
    }
    return v;
  }
  return Number(text.slice(start, end));
}

/** End of the literal `word` at pos, or a thrown error when something else is there. */
function literalEnd(text: string, pos: number, word: string): number {
  if (text.startsWith(word, pos) && !/[A-Za-z0-9_$]/.test(text.charAt(pos + word.length))) return pos + word.length;
  throw unexpectedValue(text, pos);
}

function missingColon(text: string, pos: number): SyntaxProblem {
  return new SyntaxProblem(
    pos >= text.length
      ? 'The text ends after a property name: expected `:` and a value.'
      : `Expected \`:\` after the property name, found ${describeChar(text, pos)}.`,
    pos,
  );
}

/** Path from the root to the pending key of frame `last`, for a repeated key. */
function pathTo(
  containers: readonly (Record<string, unknown> | unknown[])[],
  isArrayFrame: readonly boolean[],
  keys: readonly string[],
  last: number,
): PathSegment[] {
  const path: PathSegment[] = [];
  for (let d = 0; d <= last; d++)
    path.push(isArrayFrame[d] ? (containers[d] as unknown[]).length : (keys[d] as string));
  return path;
}

/**
 * The scanner itself: returns the parsed batch or throws a SyntaxProblem at the first error. One
 * function with local state and pure helpers: state shared with closures would live on the heap,
 * and this loop runs once per character of a 30 MB text.
 */
function* scan(text: string, stride: number): Generator<number, ParsedBatch> {
  const n = text.length;
  let pauseAt = stride;

  // The open containers, innermost last; for objects the pending key and its range.
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const isArrayFrame: boolean[] = [];
  const frameStarts: number[] = [];
  const frameKeys: string[] = [];
  const frameKeyStarts: number[] = [];
  const frameKeyEnds: number[] = [];
  let depth = 0;

  const keyCache = new Map<number, string>();
  const collections = new Map<string, CollectionRange>();
  const duplicateKeys: DuplicateKey[] = [];
  let rootIsObject = false;
  let collectionValueStart = 0;
  // The events of the collection array being read (depth 2 under a root object), else undefined.
  let eventStarts: number[] | undefined;
  let eventEnds: number[] | undefined;

  let pos = skipSpace(text, 0);
  if (pos >= n)
    throw new SyntaxProblem('The text is empty: a batch is a JSON object such as {"collection": [{"id": "1"}]}.', pos);
  const rootStart = pos;
  let root: unknown;
  // After `{` or `,` in an object: the key must come next (afterComma tells a trailing comma apart).
  let keyNext = false;
  let afterComma = false;

  for (;;) {
    if (keyNext) {
      pos = skipSpace(text, pos);
      if (text.charCodeAt(pos) !== QUOTE) throw expectedKey(text, pos, afterComma);
      const keyStart = pos;
      const close = keyEnd(text, pos);
      let key: string;
      if (close >= 0) {
        // Keys repeat from event to event: reuse the string seen before (checked, as hashes collide)
        // instead of slicing a new one for the engine to look up again (measured ~6% of a parse).
        const cached = keyCache.get(keyHash);
        if (cached !== undefined && cached.length === close - pos - 1 && text.startsWith(cached, pos + 1)) key = cached;
        else {
          key = text.slice(pos + 1, close);
          keyCache.set(keyHash, key);
        }
        pos = close + 1;
      } else {
        key = decodeString(text, pos);
        pos = decodedEnd;
      }
      frameKeys[depth - 1] = key;
      frameKeyStarts[depth - 1] = keyStart;
      frameKeyEnds[depth - 1] = pos;
      pos = skipSpace(text, pos);
      if (text.charCodeAt(pos) !== COLON) throw missingColon(text, pos);
      pos++;
      keyNext = false;
    }

    // A value starts here.
    pos = skipSpace(text, pos);
    if (pos >= pauseAt) {
      yield pos;
      pauseAt = pos + stride;
    }
    const valueStart = pos;
    if (depth === 2 && eventStarts !== undefined) eventStarts.push(valueStart);
    else if (depth === 1 && rootIsObject) collectionValueStart = valueStart;
    const c = text.charCodeAt(pos);
    let value: unknown;
    if (c === QUOTE) {
      const close = plainStringEnd(text, pos);
      if (close >= 0) {
        value = text.slice(pos + 1, close);
        pos = close + 1;
      } else {
        value = decodeString(text, pos);
        pos = decodedEnd;
      }
    } else if (c === OPEN_BRACE) {
      const object: Record<string, unknown> = {};
      containers[depth] = object;
      isArrayFrame[depth] = false;
      frameStarts[depth] = pos;
      depth++;
      if (depth === 1) rootIsObject = true;
      pos = skipSpace(text, pos + 1);
      if (text.charCodeAt(pos) !== CLOSE_BRACE) {
        keyNext = true;
        afterComma = false;
        continue;
      }
      pos++;
      depth--;
      value = object;
    } else if (c === OPEN_BRACKET) {
      const array: unknown[] = [];
      containers[depth] = array;
      isArrayFrame[depth] = true;
      frameStarts[depth] = pos;
      depth++;
      if (depth === 2 && rootIsObject) {
        eventStarts = [];
        eventEnds = [];
      }
      pos = skipSpace(text, pos + 1);
      if (text.charCodeAt(pos) !== CLOSE_BRACKET) continue;
      pos++;
      depth--;
      value = array;
    } else if (isDigit(c) || c === MINUS) {
      const end = numberEnd(text, pos);
      value = numberValue(text, pos, end);
      pos = end;
    } else if (c === 0x74) {
      pos = literalEnd(text, pos, 'true');
      value = true;
    } else if (c === 0x66) {
      pos = literalEnd(text, pos, 'false');
      value = false;
    } else if (c === 0x6e) {
      pos = literalEnd(text, pos, 'null');
      value = null;
    } else {
      if (depth > 0 && isArrayFrame[depth - 1] && c === CLOSE_BRACKET) {
        throw new SyntaxProblem('Trailing comma before `]`: remove the comma.', pos);
      }
      throw unexpectedValue(text, pos);
    }

    // A value is complete: put it into its container, closing containers as far as they end here.
    let more = false;
    while (depth > 0) {
      const d = depth - 1;
      const container = containers[d] as Record<string, unknown> | unknown[];
      const inArray = isArrayFrame[d] === true;
      if (inArray) {
        (container as unknown[]).push(value);
        if (d === 1 && eventEnds !== undefined) eventEnds.push(pos);
      } else {
        const object = container as Record<string, unknown>;
        const key = frameKeys[d] as string;
        // Values are never undefined in JSON, so the own-property check runs only for a likely repeat.
        if (object[key] !== undefined && Object.prototype.hasOwnProperty.call(object, key)) {
          duplicateKeys.push({
            path: pathTo(containers, isArrayFrame, frameKeys, d),
            keyStart: frameKeyStarts[d] as number,
            keyEnd: frameKeyEnds[d] as number,
            objectStart: frameStarts[d] as number,
          });
        }
        setOwn(object, key, value);
        if (d === 0 && rootIsObject) {
          collections.set(key, {
            name: key,
            keyStart: frameKeyStarts[0] as number,
            keyEnd: frameKeyEnds[0] as number,
            valueStart: collectionValueStart,
            valueEnd: pos,
            eventStarts: Array.isArray(value) && eventStarts ? eventStarts : [],
            eventEnds: Array.isArray(value) && eventEnds ? eventEnds : [],
          });
          eventStarts = undefined;
          eventEnds = undefined;
        }
      }
      pos = skipSpace(text, pos);
      const next = text.charCodeAt(pos);
      if (next === COMMA) {
        pos++;
        if (!inArray) {
          keyNext = true;
          afterComma = true;
        }
        more = true;
        break;
      }
      const closer = inArray ? CLOSE_BRACKET : CLOSE_BRACE;
      if (next !== closer) throw afterMember(text, pos, closer);
      pos++;
      depth--;
      value = container;
    }
    if (more) continue;
    root = value;
    break;
  }

  const rootEnd = pos;
  pos = skipSpace(text, pos);
  if (pos < n) {
    throw new SyntaxProblem(
      `Unexpected ${describeChar(text, pos)} after the end of the JSON document: a batch is one object; remove what follows or merge it in.`,
      pos,
    );
  }
  return { ok: true, value: root, map: { text, rootStart, rootEnd, collections, duplicateKeys } };
}

// Reading inside text parseBatch accepted: ranges of members and values, found on demand with the
// scanner's own token readers (its errors cannot occur there; nothing is built).

/** End (after the closing quote) of the string opening at `open` (the text's length when it never closes). */
export function stringEnd(text: string, open: number): number {
  // The text parsed, so its strings are whole: indexOf hops to each quote (much faster than a loop over
  // the characters); a quote after an odd run of backslashes is escaped.
  for (let quote = text.indexOf('"', open + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
  }
  return text.length;
}

/** The value of the string opening at `open`, escapes decoded. */
export function stringAt(text: string, open: number): string {
  const close = plainStringEnd(text, open);
  return close >= 0 ? text.slice(open + 1, close) : decodeString(text, open);
}

/** End of the value starting at `pos` (at or after spaces), without recursion. */
export function valueEnd(text: string, pos: number): number {
  let i = skipSpace(text, pos);
  const first = text.charCodeAt(i);
  if (first === QUOTE) return stringEnd(text, i);
  if (isDigit(first) || first === MINUS) return numberEnd(text, i);
  // `true` and `null` have four letters, `false` five: the text parsed, so the word is whole.
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return i + (first === 0x66 ? 5 : 4);
  // Inside a container only strings and brackets matter: a number or a word holds neither.
  const n = text.length;
  let depth = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    i++;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i;
  }
  return i;
}

/** Where a value ends, given where it starts: valueEnd, or a table of container ends for deep paths. */
export type EndOf = (pos: number) => number;

/**
 * The ends of every container of the value at `start`, from one pass: a path thousands of levels deep
 * would otherwise re-scan the rest of the value at every level (quadratic, issue 8 §3).
 */
export function containerEnds(text: string, start: number): EndOf {
  const end = valueEnd(text, start);
  const ends = new Int32Array(end - start);
  const open = new Int32Array(end - start);
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) open[depth++] = i;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      const from = open[--depth] as number;
      ends[from - start] = i + 1;
    }
  }
  return (pos) => {
    const c = text.charCodeAt(pos);
    return (c === OPEN_BRACE || c === OPEN_BRACKET) && pos >= start && pos < end
      ? (ends[pos - start] as number)
      : valueEnd(text, pos);
  };
}

/**
 * One member of a container: for an object its key's range (quotes included) and its value's; for an
 * array item keyStart and keyEnd are -1. Returning true stops the walk.
 */
export type MemberVisit = (keyStart: number, keyEnd: number, valueStart: number, valueEnd: number) => boolean | void;

/** Visits the members of the object or array whose value starts at `pos`, in document order (nothing for a scalar). */
export function forEachMember(
  text: string,
  pos: number,
  visit: MemberVisit,
  endOf: EndOf = (at) => valueEnd(text, at),
): void {
  const open = text.charCodeAt(pos);
  if (open !== OPEN_BRACE && open !== OPEN_BRACKET) return;
  const inObject = open === OPEN_BRACE;
  let i = skipSpace(text, pos + 1);
  if (text.charCodeAt(i) === (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) return;
  for (;;) {
    let keyStart = -1;
    let keyEnd = -1;
    if (inObject) {
      keyStart = i;
      keyEnd = stringEnd(text, i);
      i = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    }
    const end = endOf(i);
    if (visit(keyStart, keyEnd, i, end) === true) return;
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== COMMA) return;
    i = skipSpace(text, i + 1);
  }
}
