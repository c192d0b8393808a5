// The ids stored in one collection (spec §5), as an open-addressing hash table in typed arrays over the ids'
// bytes: a lookup that misses (every new event) reads two numbers instead of chasing a Set's entries through a
// million strings, no id is kept as a JS object for the collector to walk, and a push read from bytes adds an
// id from the request's own bytes without making a string of it.

const EMPTY = 0;
const GONE = -1;
const FIRST_CAPACITY = 1024;
// An id's key: a type byte, then a number's 8 bytes (-0 as 0: the Set this replaced treats them as one id), a
// string's UTF-8, or, for a string holding a lone surrogate (which UTF-8 cannot carry), its UTF-16 units.
const NUMBER = 1;
const UTF8 = 2;
const UNITS = 3;
const LONE_SURROGATE = /\p{Cs}/u;
const bits = new Float64Array(1);
const bitBytes = new Uint8Array(bits.buffer);

export interface IdIndex {
  has(id: string | number): boolean;
  /** Adds `id`; false when it is there already. */
  add(id: string | number): boolean;
  /** add for the string id whose UTF-8 bytes (valid, as a JSON string without escapes holds them) are [start, end). */
  addUtf8(bytes: Uint8Array, start: number, end: number): boolean;
  delete(id: string | number): void;
}

/** A byte array at least `size` long: `array` itself, or a larger copy of it. */
function atLeast<T extends Uint8Array | Int32Array>(array: T, size: number, make: (size: number) => T): T {
  if (size <= array.length) return array;
  const larger = make(Math.max(size, array.length * 2));
  larger.set(array);
  return larger;
}

export function createIdIndex(): IdIndex {
  // Slot s is table[2s] (0 empty, -1 a deleted entry, else 1 + the entry's number) and table[2s + 1] (that
  // entry's hash): side by side, so a probe reads one cache line.
  let table = new Int32Array(FIRST_CAPACITY * 2);
  let capacity = FIRST_CAPACITY;
  // Entry e's key is arena[starts[e] .. starts[e] + lengths[e]); a deleted entry's length is -1.
  let arena = new Uint8Array(16 * 1024);
  let used = 0;
  let starts = new Int32Array(FIRST_CAPACITY);
  let lengths = new Int32Array(FIRST_CAPACITY);
  let entries = 0;
  // The key being looked up.
  let key = new Uint8Array(256);
  // Slots that are not empty, deleted ones included: they lengthen probes until the next rehash drops them.
  let occupied = 0;
  let live = 0;

  /** Writes the key of `id` into `key`; its length. */
  const keyOf = (id: string | number): number => {
    if (typeof id === 'number') {
      bits[0] = id === 0 ? 0 : id;
      key[0] = NUMBER;
      key.set(bitBytes, 1);
      return 9;
    }
    // Room for either form: UTF-8 takes at most 3 bytes per UTF-16 unit, the units 2.
    key = atLeast(key, 1 + id.length * 3, (size) => new Uint8Array(size));
    key[0] = UTF8;
    for (let i = 0; i < id.length; i++) {
      const unit = id.charCodeAt(i);
      if (unit >= 0x80) return keyOfText(id, i);
      key[1 + i] = unit;
    }
    return 1 + id.length;
  };

  /** keyOf for a string that is not all ASCII (the first other unit at `i`, the ASCII before it written). */
  const keyOfText = (id: string, i: number): number => {
    const view = (from: number) => Buffer.from(key.buffer, key.byteOffset + from, key.length - from);
    if (!LONE_SURROGATE.test(id)) return 1 + i + view(1 + i).write(id.slice(i), 'utf8');
    key[0] = UNITS;
    return 1 + view(1).write(id, 'utf16le');
  };

  /** FNV-1a of the key's bytes. */
  const hashOf = (length: number): number => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ (key[i] as number), 0x01000193);
    return hash ^ (hash >>> 15);
  };

  const isKey = (entry: number, length: number): boolean => {
    if (lengths[entry] !== length) return false;
    const start = starts[entry] as number;
    for (let i = 0; i < length; i++) if (arena[start + i] !== key[i]) return false;
    return true;
  };

  /** The slot holding the key, or the empty slot ending its probe as -1 - slot. */
  const probe = (length: number, hash: number): number => {
    const mask = capacity - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = table[2 * s] as number;
      if (entry === EMPTY) return -1 - s;
      if (entry !== GONE && table[2 * s + 1] === hash && isKey(entry - 1, length)) return s;
    }
  };

  /** Drops deleted entries' keys; old entry number → new one (-1: deleted). */
  const compact = (): Int32Array => {
    const oldArena = arena;
    const oldStarts = starts;
    const oldLengths = lengths;
    const renumbered = new Int32Array(entries);
    arena = new Uint8Array(Math.max(16 * 1024, used));
    starts = new Int32Array(Math.max(FIRST_CAPACITY, live * 2));
    lengths = new Int32Array(starts.length);
    used = 0;
    let kept = 0;
    for (let e = 0; e < entries; e++) {
      const length = oldLengths[e] as number;
      renumbered[e] = length < 0 ? -1 : kept;
      if (length < 0) continue;
      const start = oldStarts[e] as number;
      arena.set(oldArena.subarray(start, start + length), used);
      starts[kept] = used;
      lengths[kept++] = length;
      used += length;
    }
    entries = kept;
    return renumbered;
  };

  /** A table of `size` slots over the live entries, from the hashes kept in the old one (no key is read). */
  const rehash = (size: number): void => {
    const old = table;
    const renumbered = live < entries ? compact() : undefined;
    table = new Int32Array(size * 2);
    capacity = size;
    const mask = size - 1;
    for (let o = 0; o < old.length; o += 2) {
      const entry = old[o] as number;
      if (entry === EMPTY || entry === GONE) continue;
      const hash = old[o + 1] as number;
      let s = hash & mask;
      while (table[2 * s] !== EMPTY) s = (s + 1) & mask;
      table[2 * s] = renumbered === undefined ? entry : (renumbered[entry - 1] as number) + 1;
      table[2 * s + 1] = hash;
    }
    occupied = live;
  };

  /** Adds the key now in `key`; false when it is there already. */
  const addKey = (length: number): boolean => {
    const hash = hashOf(length);
    const found = probe(length, hash);
    if (found >= 0) return false;
    const s = -1 - found;
    arena = atLeast(arena, used + length, (size) => new Uint8Array(size));
    arena.set(key.subarray(0, length), used);
    starts = atLeast(starts, entries + 1, (size) => new Int32Array(size));
    lengths = atLeast(lengths, entries + 1, (size) => new Int32Array(size));
    starts[entries] = used;
    lengths[entries] = length;
    used += length;
    table[2 * s] = ++entries;
    table[2 * s + 1] = hash;
    live++;
    // At most half full, so probes stay short; a table full of deleted entries is rehashed at its size.
    if (++occupied * 2 > capacity) rehash(live * 4 > capacity ? capacity * 2 : capacity);
    return true;
  };

  return {
    has(id) {
      const length = keyOf(id);
      return probe(length, hashOf(length)) >= 0;
    },
    add: (id) => addKey(keyOf(id)),
    addUtf8(bytes, start, end) {
      const length = 1 + end - start;
      key = atLeast(key, length, (size) => new Uint8Array(size));
      key[0] = UTF8;
      for (let i = start; i < end; i++) key[1 + i - start] = bytes[i] as number;
      return addKey(length);
    },
    delete(id) {
      const length = keyOf(id);
      const s = probe(length, hashOf(length));
      if (s < 0) return;
      lengths[(table[2 * s] as number) - 1] = -1;
      table[2 * s] = GONE;
      live--;
    },
  };
}
