// Where each event of a batch sits in its UTF-8 bytes, found in one scan of the two outer levels (the
// object of collections, their arrays) without building any event: senders send these bytes as they are.
// The inside of an event is only skipped here; whoever uses a span parses it to check it.
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  CR,
  LF,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  SPACE,
  TAB,
} from '../json/char-codes';

/** Collections in document order and the byte range of every event, numbered across collections. */
export interface BatchSpans {
  /** Collection names, decoded, in document order. */
  readonly names: readonly string[];
  /** `firsts[c]` is the number of collection c's first event; `firsts[names.length]` is the event count. */
  readonly firsts: Uint32Array;
  /** Start and end (exclusive) byte offsets of event `g` (numbered across collections). */
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** How many bytes are scanned between two yields of `scanBatchSpans`, so a caller can stay responsive. */
export const SCAN_SLICE_BYTES = 4 * 1024 * 1024;

const isSpace = (c: number): boolean => c <= SPACE && (c === SPACE || c === LF || c === CR || c === TAB);

/** Past the string at `pos` (on its quote), or -1 when it does not end; its inside is checked by whoever parses it. */
function skipString(bytes: Uint8Array, pos: number): number {
  const n = bytes.length;
  for (pos++; pos < n; pos++) {
    const c = bytes[pos];
    if (c === QUOTE) return pos + 1;
    if (c === BACKSLASH) pos++;
  }
  return -1;
}

/** Past one value of any kind at `pos`, or -1; its inside is checked later by whoever parses it. */
function skipValue(bytes: Uint8Array, pos: number): number {
  const n = bytes.length;
  const first = bytes[pos];
  if (first === QUOTE) return skipString(bytes, pos);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    while (pos < n) {
      const c = bytes[pos];
      if (c === QUOTE) {
        pos = skipString(bytes, pos);
        if (pos < 0) return -1;
        continue;
      }
      pos++;
      if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return pos;
    }
    return -1;
  }
  const start = pos;
  for (let c = bytes[pos]; pos < n && c !== COMMA && c !== CLOSE_BRACKET && !isSpace(c ?? 0); c = bytes[++pos]);
  return pos === start ? -1 : pos;
}

// Where the scan stands between two slices, always between two tokens of the outer levels: before the name
// of a collection, before an event of the open collection, or after the outer object's `}`.
const AT_NAME = 0;
const AT_EVENT = 1;
const AT_END = 2;

/**
 * The outer levels of a batch, scanned in slices. Plain locals in one loop (no closures over shared
 * state), so the engine optimizes the loop early: a send checks the whole file before its first request.
 */
class SpanScan {
  private pos = 0;
  private at = AT_NAME;
  private count = 0;
  private starts: Uint32Array;
  private ends: Uint32Array;
  readonly names: string[] = [];
  private readonly seen = new Set<string>();
  private readonly firsts: number[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly decodeName: (start: number, end: number) => string | undefined,
    private readonly readEvent: ((start: number) => number) | undefined,
  ) {
    // About one event per 128 bytes to start with (a typical event is longer); doubled when short.
    const capacity = Math.max(16, bytes.length >> 7);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
    let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    while (isSpace(bytes[pos] ?? 0)) pos++;
    if (bytes[pos] !== OPEN_BRACE) {
      this.pos = -1;
      return;
    }
    for (pos++; isSpace(bytes[pos] ?? 0); pos++);
    if (bytes[pos] === CLOSE_BRACE) {
      pos++;
      this.at = AT_END;
    }
    this.pos = pos;
  }

  /** Scans up to about `limit`; true when the scan is over (see `result`). */
  step(limit: number): boolean {
    let pos = this.pos;
    if (pos < 0) return true;
    const { bytes } = this;
    for (;;) {
      if (this.at === AT_END) {
        while (isSpace(bytes[pos] ?? 0)) pos++;
        this.pos = pos === bytes.length ? pos : -1;
        return true;
      }
      if (this.at === AT_NAME) {
        pos = this.collection(pos);
        if (pos < 0) break;
        continue;
      }
      pos = this.events(pos, limit);
      if (pos < 0 || this.at === AT_EVENT) break;
    }
    this.pos = pos;
    return pos < 0;
  }

  /** The name and the opening of a collection at `pos`: where its events start, or -1. */
  private collection(pos: number): number {
    const { bytes } = this;
    if (bytes[pos] !== QUOTE) return -1;
    const keyEnd = skipString(bytes, pos);
    if (keyEnd < 0) return -1;
    const name = this.decodeName(pos, keyEnd);
    if (name === undefined || this.seen.has(name)) return -1;
    this.seen.add(name);
    this.names.push(name);
    this.firsts.push(this.count);
    for (pos = keyEnd; isSpace(bytes[pos] ?? 0); pos++);
    if (bytes[pos++] !== COLON) return -1;
    while (isSpace(bytes[pos] ?? 0)) pos++;
    if (bytes[pos++] !== OPEN_BRACKET) return -1;
    while (isSpace(bytes[pos] ?? 0)) pos++;
    if (bytes[pos] === CLOSE_BRACKET) return this.afterCollection(pos + 1);
    this.at = AT_EVENT;
    return pos;
  }

  /** After a collection's `]`: on to the next name or the end; -1 when neither follows. */
  private afterCollection(pos: number): number {
    const { bytes } = this;
    while (isSpace(bytes[pos] ?? 0)) pos++;
    const c = bytes[pos++];
    if (c === COMMA) {
      while (isSpace(bytes[pos] ?? 0)) pos++;
      this.at = AT_NAME;
      return pos;
    }
    if (c !== CLOSE_BRACE) return -1;
    this.at = AT_END;
    return pos;
  }

  /** Events of the open collection from `pos`, until its `]` or past `limit` (then still AT_EVENT). */
  private events(pos: number, limit: number): number {
    const { bytes, readEvent } = this;
    let { starts, ends, count } = this;
    for (;;) {
      if (count === starts.length) {
        starts = grown(starts);
        ends = grown(ends);
      }
      starts[count] = pos;
      pos = readEvent ? readEvent(pos) : skipValue(bytes, pos);
      if (pos < 0) break;
      ends[count++] = pos;
      let c = bytes[pos];
      while (isSpace(c ?? 0)) c = bytes[++pos];
      if (c === COMMA) {
        for (c = bytes[++pos]; isSpace(c ?? 0); c = bytes[++pos]);
        if (pos < limit) continue;
        break;
      }
      pos = c === CLOSE_BRACKET ? this.afterCollection(pos + 1) : -1;
      break;
    }
    this.starts = starts;
    this.ends = ends;
    this.count = count;
    return pos;
  }

  /** The spans, or undefined when the bytes are not a plain batch; once `step` has returned true. */
  result(): BatchSpans | undefined {
    if (this.pos < 0) return undefined;
    const firsts = Uint32Array.from(this.firsts.concat(this.count));
    // The used part, without a copy (a send holds these for its whole run).
    return {
      names: this.names,
      firsts,
      starts: this.starts.subarray(0, this.count),
      ends: this.ends.subarray(0, this.count),
    };
  }
}

const grown = (array: Uint32Array): Uint32Array => {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
};

/**
 * Scans a batch's bytes and yields (nothing) every SCAN_SLICE_BYTES so the caller may pause; returns the
 * spans, or undefined when the text is not a plain batch (another top-level shape, a syntax slip between
 * events, a collection named twice, a name that cannot be decoded): the caller then takes its slower,
 * fully checked path, which also says where the problem is. `readEvent`, when given, reads each event
 * instead of the skip (returning the offset past it, or -1 to give up), so a caller checks events in the
 * same pass.
 */
export function* scanBatchSpans(
  bytes: Uint8Array,
  decodeName: (start: number, end: number) => string | undefined,
  readEvent?: (start: number) => number,
): Generator<void, BatchSpans | undefined> {
  const scan = new SpanScan(bytes, decodeName, readEvent);
  for (let limit = SCAN_SLICE_BYTES; !scan.step(limit); limit += SCAN_SLICE_BYTES) yield;
  return scan.result();
}

/** The collection of event `g`: the last collection whose first event is at or before it (binary search). */
export function collectionOf(firsts: Uint32Array, g: number): number {
  let low = 0;
  let high = firsts.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((firsts[mid] ?? 0) <= g) low = mid;
    else high = mid - 1;
  }
  return low;
}
