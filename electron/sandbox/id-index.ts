// The ids stored in one collection (spec §5), as an open-addressing hash table in typed arrays: a lookup that
// misses (every new event) reads two numbers instead of chasing a Set's entries through a million strings,
// and growing rehashes from the kept hashes without touching the ids.

const EMPTY = 0;
const GONE = -1;
const FIRST_CAPACITY = 1024;
// Kept hashes of numbers: the bits of the double, with -0 as 0 (the Set this replaces treats them as one id).
const bits = new Float64Array(1);
const words = new Int32Array(bits.buffer);

/** FNV-1a of a string's UTF-16 units; a number's bits, mixed. `1` and `"1"` may share a hash, never an entry. */
function hashOf(id: string | number): number {
  if (typeof id === 'number') {
    bits[0] = id === 0 ? 0 : id;
    const mixed = Math.imul((words[0] as number) ^ Math.imul(words[1] as number, 0x9e3779b1), 0x85ebca6b);
    return mixed ^ (mixed >>> 13);
  }
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash ^ (hash >>> 15);
}

export interface IdIndex {
  has(id: string | number): boolean;
  /** Adds `id`; false when it is there already. */
  add(id: string | number): boolean;
  delete(id: string | number): void;
}

export function createIdIndex(): IdIndex {
  // Slot s is table[2s] (0 empty, -1 a deleted entry, else 1 + the entry's place in `ids`) and table[2s + 1]
  // (that entry's hash): side by side, so a probe reads one cache line.
  let table = new Int32Array(FIRST_CAPACITY * 2);
  let capacity = FIRST_CAPACITY;
  let ids: (string | number | undefined)[] = [];
  // Slots that are not empty, deleted ones included: they lengthen probes until the next rehash drops them.
  let occupied = 0;
  let live = 0;

  /** The slot holding `id`, or the empty slot ending its probe as -1 - slot. */
  const probe = (id: string | number, hash: number): number => {
    const mask = capacity - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = table[2 * s] as number;
      if (entry === EMPTY) return -1 - s;
      if (entry !== GONE && table[2 * s + 1] === hash && ids[entry - 1] === id) return s;
    }
  };

  const rehash = (size: number): void => {
    const old = table;
    // Entries keep their places in `ids` unless deleted ones left holes: then it is compacted on the way.
    const compact = live < ids.length;
    const oldIds = ids;
    if (compact) ids = [];
    table = new Int32Array(size * 2);
    capacity = size;
    const mask = size - 1;
    for (let o = 0; o < old.length; o += 2) {
      let entry = old[o] as number;
      if (entry === EMPTY || entry === GONE) continue;
      const hash = old[o + 1] as number;
      let s = hash & mask;
      while (table[2 * s] !== EMPTY) s = (s + 1) & mask;
      if (compact) entry = ids.push(oldIds[entry - 1]);
      table[2 * s] = entry;
      table[2 * s + 1] = hash;
    }
    occupied = live;
  };

  return {
    has: (id) => probe(id, hashOf(id)) >= 0,
    add(id) {
      const hash = hashOf(id);
      const found = probe(id, hash);
      if (found >= 0) return false;
      const s = -1 - found;
      ids.push(id);
      table[2 * s] = ids.length;
      table[2 * s + 1] = hash;
      live++;
      // At most half full, so probes stay short; a table full of deleted entries is rehashed at its size.
      if (++occupied * 2 > capacity) rehash(live * 4 > capacity ? capacity * 2 : capacity);
      return true;
    },
    delete(id) {
      const s = probe(id, hashOf(id));
      if (s < 0) return;
      ids[(table[2 * s] as number) - 1] = undefined;
      table[2 * s] = GONE;
      live--;
    },
  };
}
