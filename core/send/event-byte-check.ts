// Whether one event, as the bytes of a batch file, passes the clean-path checks (`eventIsClean`) without
// being parsed: JSON grammar, the name rules at every depth, `timestamp`, `id`, and a bound on its size.
// A send of a clean file then builds no object per event. Never laxer than parsing: what it cannot
// decide cheaply (an escaped `timestamp` or `id` name, a possibly large event) it leaves to the parser.
import { MAX_EVENT_BYTES, MAX_PROPERTY_NAME_LENGTH } from '../rules/event-rules';
import { isStoredFormAt, parseTimestamp } from '../rules/timestamp';
import * as code from '../json/char-codes';

/** What `check` found in an event it did not refuse; `undecided`: parse it and check the value. */
export type EventByteVerdict = 'clean' | 'clean-with-id' | 'undecided';

const DOLLAR = 0x24;
const PLUS = 0x2b;
const ZERO = 0x30;
const NINE = 0x39;

/** A number grows by at most this much in compact JSON (`1e20` prints 21 digits). */
const NUMBER_GROWTH = 20;
/** A timestamp token in the stored form, quotes included. */
const STORED_STAMP_BYTES = 26;
/** Fewer characters than this always make a finite number (the largest double has 309 digits). */
const SURELY_FINITE = 300;

// Kinds of a property name (negative: refused). A top-level `timestamp` or `id` has its own value rule.
const BAD_NAME = -1;
const PLAIN = 0;
const TIMESTAMP = 1;
const ID = 2;
/** An escaped `timestamp` or `id`: the parser decides the event. */
const ESCAPED_SPECIAL = 3;
const TIMESTAMP_NAME = Array.from('timestamp', (c) => c.charCodeAt(0));

// Most bytes are above the space: one comparison rejects them.
const isSpace = (c: number): boolean => c <= 0x20 && (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09);
/** Past the spaces from `i`. Callers test `<= 0x20` first: compact JSON has none, and a call costs more than the test. */
function skipSpaces(bytes: Uint8Array, i: number): number {
  while (isSpace(bytes[i] ?? 0)) i++;
  return i;
}
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;
const isHex = (c: number): boolean => isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
// The one-letter escapes JSON has: " \ / b f n r t.
const isShortEscape = (c: number): boolean =>
  c === code.QUOTE ||
  c === code.BACKSLASH ||
  c === 0x2f ||
  c === 0x62 ||
  c === 0x66 ||
  c === 0x6e ||
  c === 0x72 ||
  c === 0x74;
// As the event rules test it (`tp_` in any letter case).
const hasTpPrefix = (name: string): boolean =>
  name.length >= 3 &&
  (name.charCodeAt(0) | 0x20) === 0x74 &&
  (name.charCodeAt(1) | 0x20) === 0x70 &&
  name.charCodeAt(2) === 0x5f;

/** UTF-16 units of the UTF-8 bytes [start, end): one per character, two for a 4-byte sequence. */
function utf16Units(bytes: Uint8Array, start: number, end: number): number {
  let units = 0;
  for (let i = start; i < end; i++) {
    const c = bytes[i] ?? 0;
    // Continuation bytes (10xxxxxx) add none.
    if (c < 0x80 || c >= 0xc0) units += c >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** Past the escape at `i` (on its backslash), or -1 when JSON has no such escape. */
function skipEscape(bytes: Uint8Array, i: number): number {
  const e = bytes[i + 1] ?? 0;
  if (isShortEscape(e)) return i + 2;
  if (e !== 0x75) return -1;
  for (let k = i + 2; k < i + 6; k++) if (!isHex(bytes[k] ?? 0)) return -1;
  return i + 6;
}

/** Past the string at `i` (on its quote), or -1 when it is not a JSON string. */
function skipString(bytes: Uint8Array, i: number): number {
  const limit = bytes.length;
  for (i++; i < limit;) {
    const c = bytes[i] ?? 0;
    if (c === code.QUOTE) return i + 1;
    if (c === code.BACKSLASH) {
      i = skipEscape(bytes, i);
      if (i < 0) return -1;
    } else if (c < 0x20) return -1;
    else i++;
  }
  return -1;
}

/** Past a run of digits from `i`; `i` itself when there is none. */
function skipDigits(bytes: Uint8Array, i: number): number {
  while (isDigit(bytes[i] ?? 0)) i++;
  return i;
}

/** Past the number at `i`: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, or -1. */
function skipNumber(bytes: Uint8Array, i: number): number {
  if (bytes[i] === code.MINUS) i++;
  const first = bytes[i] ?? 0;
  if (!isDigit(first)) return -1;
  i = first === ZERO ? i + 1 : skipDigits(bytes, i + 1);
  if (bytes[i] === code.DOT) {
    const from = i + 1;
    i = skipDigits(bytes, from);
    if (i === from) return -1;
  }
  if (((bytes[i] ?? 0) | 0x20) === 0x65) {
    i++;
    if (bytes[i] === PLUS || bytes[i] === code.MINUS) i++;
    const from = i;
    i = skipDigits(bytes, from);
    if (i === from) return -1;
  }
  return i;
}

/** Past `true`, `false` or `null` at `i`, or -1. */
function skipLiteral(bytes: Uint8Array, i: number): number {
  const c = bytes[i];
  const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : '';
  if (word === '') return -1;
  for (let k = 1; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return -1;
  return i + word.length;
}

/** Checks the events of one file's bytes, one at a time; `decode` gives the UTF-8 text of a byte range. */
export class EventByteChecker {
  /** The verdict on the event `check` last accepted. */
  verdict: EventByteVerdict = 'clean';
  /**
   * In the event `check` last accepted: where the value of its (last) top-level `id` and `timestamp` starts and
   * ends (-1 when it has none), and how deeply it nests (1: an object of plain values). A receiver stores such
   * an event from these without parsing it.
   */
  idStart = -1;
  idEnd = -1;
  timestampStart = -1;
  timestampEnd = -1;
  deepest = 0;
  /** Per open container: 1 for an object, 0 for an array. */
  private objects = new Uint8Array(64);
  /** Where the name `name` read ends (past its colon and the spaces after it). */
  private afterName = 0;
  // The last timestamp checked (where its bytes are): batches often repeat one.
  private lastTimestampStart = 0;
  private lastTimestampEnd = 0;
  private lastTimestampOk = false;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly decode: (start: number, end: number) => string,
  ) {}

  /**
   * Checks the value starting at `start`: the offset just past it when it is an event that may be clean
   * (see `verdict`), or -1 when it is not (not JSON, not an object, or it breaks a rule).
   */
  check(start: number): number {
    const { bytes } = this;
    if (bytes[start] !== code.OPEN_BRACE) return -1;
    let i = start;
    let depth = 0;
    let numbers = 0;
    let withId = false;
    let undecided = false;
    // The next value is that of a top-level `timestamp` or `id`.
    let special = PLAIN;
    let needName = false;
    let deepest = 0;
    this.idStart = this.idEnd = this.timestampStart = this.timestampEnd = -1;
    for (;;) {
      if (needName) {
        const kind = this.name(i, depth === 1);
        if (kind === BAD_NAME) return -1;
        if (kind === ESCAPED_SPECIAL) undecided = true;
        else special = kind;
        i = this.afterName;
      }
      const c = bytes[i] ?? 0;
      if (special !== PLAIN) {
        if (c === code.MINUS || isDigit(c)) numbers++;
        const from = i;
        i = special === TIMESTAMP ? this.timestamp(i) : this.id(i);
        if (i < 0) return -1;
        if (special === ID) {
          withId = true;
          this.idStart = from;
          this.idEnd = i;
        } else {
          this.timestampStart = from;
          this.timestampEnd = i;
        }
        special = PLAIN;
      } else if (c === code.OPEN_BRACE || c === code.OPEN_BRACKET) {
        const isObject = c === code.OPEN_BRACE;
        this.open(depth++, isObject);
        if (depth > deepest) deepest = depth;
        if ((bytes[++i] ?? 0) <= 0x20) i = skipSpaces(bytes, i);
        if (bytes[i] === (isObject ? code.CLOSE_BRACE : code.CLOSE_BRACKET)) {
          i++;
          depth--;
        } else {
          needName = isObject;
          continue;
        }
      } else if (c === code.QUOTE) i = skipString(bytes, i);
      else if (c === code.MINUS || isDigit(c)) {
        numbers++;
        i = skipNumber(bytes, i);
      } else i = skipLiteral(bytes, i);
      if (i < 0) return -1;
      // After a value: close what ends here, then on to the next member or item.
      for (;;) {
        if (depth === 0) {
          // Compact JSON is no longer than its source, save for numbers (strings only lose escapes).
          if (i - start + numbers * NUMBER_GROWTH > MAX_EVENT_BYTES) undecided = true;
          this.verdict = undecided ? 'undecided' : withId ? 'clean-with-id' : 'clean';
          this.deepest = deepest;
          return i;
        }
        if ((bytes[i] ?? 0) <= 0x20) i = skipSpaces(bytes, i);
        const next = bytes[i++] ?? 0;
        const inObject = this.objects[depth - 1] === 1;
        if (next === code.COMMA) {
          needName = inObject;
          break;
        }
        if (next !== (inObject ? code.CLOSE_BRACE : code.CLOSE_BRACKET)) return -1;
        depth--;
      }
      if ((bytes[i] ?? 0) <= 0x20) i = skipSpaces(bytes, i);
    }
  }

  private open(depth: number, isObject: boolean): void {
    if (depth === this.objects.length) {
      const deeper = new Uint8Array(depth * 2);
      deeper.set(this.objects);
      this.objects = deeper;
    }
    this.objects[depth] = isObject ? 1 : 0;
  }

  /** The property name at `i` and its colon: its kind (BAD_NAME when refused); sets `afterName`. */
  private name(i: number, top: boolean): number {
    const { bytes } = this;
    if (bytes[i] !== code.QUOTE) return BAD_NAME;
    const start = i + 1;
    let escaped = false;
    for (i = start; ;) {
      const c = bytes[i] ?? 0;
      if (c === code.QUOTE) break;
      if (c === code.BACKSLASH) {
        escaped = true;
        i = skipEscape(bytes, i);
        if (i < 0) return BAD_NAME;
        continue;
      }
      if (c < 0x20 || c === code.DOT) return BAD_NAME;
      i++;
    }
    const stop = i;
    if ((bytes[++i] ?? 0) <= 0x20) i = skipSpaces(bytes, i);
    if (bytes[i] !== code.COLON) return BAD_NAME;
    if ((bytes[++i] ?? 0) <= 0x20) i = skipSpaces(bytes, i);
    this.afterName = i;
    if (escaped) return this.escapedName(start, stop, top);
    // A name has no more UTF-16 units than bytes: only a long one is counted.
    if (
      bytes[start] === DOLLAR ||
      (stop - start > MAX_PROPERTY_NAME_LENGTH && utf16Units(bytes, start, stop) > MAX_PROPERTY_NAME_LENGTH)
    )
      return BAD_NAME;
    return top ? this.topName(start, stop) : PLAIN;
  }

  /** A top-level name without escapes: the reserved ones are refused, `timestamp` and `id` told apart. */
  private topName(start: number, stop: number): number {
    const { bytes } = this;
    const length = stop - start;
    const b0 = bytes[start] ?? 0;
    const b1 = bytes[start + 1] ?? 0;
    const b2 = bytes[start + 2] ?? 0;
    if (length >= 3 && (b0 | 0x20) === 0x74 && (b1 | 0x20) === 0x70 && b2 === 0x5f) return BAD_NAME;
    if (length === 3 && b0 === 0x5f && b1 === 0x69 && b2 === 0x64) return BAD_NAME;
    if (length === 2 && b0 === 0x69 && b1 === 0x64) return ID;
    if (length !== TIMESTAMP_NAME.length) return PLAIN;
    for (let k = 0; k < length; k++) if (bytes[start + k] !== TIMESTAMP_NAME[k]) return PLAIN;
    return TIMESTAMP;
  }

  /** A name with escapes, decoded and checked as the rules check names. */
  private escapedName(start: number, stop: number, top: boolean): number {
    const name = JSON.parse(this.decode(start - 1, stop + 1)) as string;
    if (name.includes('.') || name.startsWith('$') || name.length > MAX_PROPERTY_NAME_LENGTH) return BAD_NAME;
    if (!top) return PLAIN;
    if (hasTpPrefix(name) || name === '_id') return BAD_NAME;
    return name === 'timestamp' || name === 'id' ? ESCAPED_SPECIAL : PLAIN;
  }

  /** Past a `timestamp` value the rule accepts (a string), or -1. */
  private timestamp(i: number): number {
    const { bytes } = this;
    if (bytes[i] !== code.QUOTE) return -1;
    // The same bytes as the last timestamp are the same string token, ending at the same length.
    const length = this.lastTimestampEnd - this.lastTimestampStart;
    if (length > 0 && this.sameAsLastTimestamp(i, length)) return this.lastTimestampOk ? i + length : -1;
    const end = skipString(bytes, i);
    if (end < 0) return -1;
    this.lastTimestampStart = i;
    this.lastTimestampEnd = end;
    // The stored form (`"YYYY-MM-DDTHH:MM:SS.mmmZ"`, no escapes) is read from its bytes without a string.
    this.lastTimestampOk =
      (end - i === STORED_STAMP_BYTES && isStoredFormAt(bytes, i + 1)) ||
      parseTimestamp(JSON.parse(this.decode(i, end)) as string) !== undefined;
    return this.lastTimestampOk ? end : -1;
  }

  private sameAsLastTimestamp(start: number, length: number): boolean {
    const { bytes } = this;
    const last = this.lastTimestampStart;
    if (start + length > bytes.length) return false;
    for (let k = 0; k < length; k++) if (bytes[start + k] !== bytes[last + k]) return false;
    return true;
  }

  /** Past an `id` value the API accepts (a non-empty string, a finite number), or -1. */
  private id(i: number): number {
    const { bytes } = this;
    const c = bytes[i] ?? 0;
    if (c === code.QUOTE) {
      const end = skipString(bytes, i);
      return end - i > 2 ? end : -1;
    }
    if (c !== code.MINUS && !isDigit(c)) return -1;
    const end = skipNumber(bytes, i);
    if (end < 0) return -1;
    let exponent = false;
    for (let k = i; k < end; k++) if (((bytes[k] ?? 0) | 0x20) === 0x65) exponent = true;
    if (end - i < SURELY_FINITE && !exponent) return end;
    return Number.isFinite(Number(this.decode(i, end))) ? end : -1;
  }
}
