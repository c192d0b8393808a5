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

/** Thrown inside the scan when the outer structure is not `{"name": [values], ...}`. */
class NotAPlainBatch extends Error {}

/** A Uint32Array that doubles when full; `view()` is the used part. */
class GrowingOffsets {
  private data: Uint32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  /** The used part, without a copy (a send holds these for its whole run). */
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/** How many bytes are scanned between two yields of `scanBatchSpans`, so a caller can stay responsive. */
export const SCAN_SLICE_BYTES = 4 * 1024 * 1024;

/**
 * Scans a batch's bytes and yields (nothing) every SCAN_SLICE_BYTES so the caller may pause; returns the
 * spans, or undefined when the text is not a plain batch (another top-level shape, a syntax slip between
 * events, a collection named twice, a name that cannot be decoded): the caller then takes its slower,
 * fully checked path, which also says where the problem is.
 */
export function* scanBatchSpans(
  bytes: Uint8Array,
  decodeName: (start: number, end: number) => string | undefined,
): Generator<void, BatchSpans | undefined> {
  const n = bytes.length;
  let pos = 0;
  let nextYield = SCAN_SLICE_BYTES;
  const skipSpace = () => {
    for (let c = bytes[pos]; c === SPACE || c === LF || c === CR || c === TAB; c = bytes[++pos]);
  };
  const expect = (byte: number) => {
    if (bytes[pos] !== byte) throw new NotAPlainBatch();
    pos++;
  };
  /** Past a string starting at pos (on its quote). */
  const skipString = () => {
    pos++;
    for (;;) {
      if (pos >= n) throw new NotAPlainBatch();
      const c = bytes[pos++];
      if (c === QUOTE) return;
      if (c === BACKSLASH) pos++;
    }
  };
  /** Past one value of any kind; its inside is checked later by whoever parses it. */
  const skipValue = () => {
    const first = bytes[pos];
    if (first === QUOTE) return skipString();
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      let depth = 0;
      while (pos < n) {
        const c = bytes[pos];
        if (c === QUOTE) {
          skipString();
          continue;
        }
        pos++;
        if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (--depth === 0) return;
        }
      }
      throw new NotAPlainBatch();
    }
    const start = pos;
    for (
      let c = bytes[pos];
      pos < n && c !== COMMA && c !== CLOSE_BRACKET && c !== SPACE && c !== LF && c !== CR && c !== TAB;
      c = bytes[++pos]
    );
    if (pos === start) throw new NotAPlainBatch();
  };

  const names: string[] = [];
  const seen = new Set<string>();
  const firsts: number[] = [];
  // About one event per 128 bytes to start with (a typical event is longer); doubled when short.
  const starts = new GrowingOffsets(n >> 7);
  const ends = new GrowingOffsets(n >> 7);
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;
    skipSpace();
    expect(OPEN_BRACE);
    skipSpace();
    if (bytes[pos] === CLOSE_BRACE) pos++;
    else {
      for (;;) {
        if (bytes[pos] !== QUOTE) throw new NotAPlainBatch();
        const keyStart = pos;
        skipString();
        const name = decodeName(keyStart, pos);
        if (name === undefined || seen.has(name)) return undefined;
        seen.add(name);
        names.push(name);
        firsts.push(starts.length);
        skipSpace();
        expect(COLON);
        skipSpace();
        expect(OPEN_BRACKET);
        skipSpace();
        if (bytes[pos] === CLOSE_BRACKET) pos++;
        else {
          for (;;) {
            starts.push(pos);
            skipValue();
            ends.push(pos);
            if (pos >= nextYield) {
              nextYield = pos + SCAN_SLICE_BYTES;
              yield;
            }
            skipSpace();
            if (bytes[pos] === COMMA) {
              pos++;
              skipSpace();
              continue;
            }
            expect(CLOSE_BRACKET);
            break;
          }
        }
        skipSpace();
        if (bytes[pos] === COMMA) {
          pos++;
          skipSpace();
          continue;
        }
        expect(CLOSE_BRACE);
        break;
      }
    }
    skipSpace();
    if (pos !== n) return undefined;
  } catch (error) {
    if (error instanceof NotAPlainBatch) return undefined;
    throw error;
  }
  firsts.push(starts.length);
  return { names, firsts: Uint32Array.from(firsts), starts: starts.view(), ends: ends.view() };
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
