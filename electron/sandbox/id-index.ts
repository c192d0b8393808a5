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
  // slots[s]: 0 empty, -1 a deleted entry, else 1 + the entry's place in `ids`; hashes[s]: that entry's hash.
  let slots = new Int32Array(FIRST_CAPACITY);
  let hashes = new Int32Array(FIRST_CAPACITY);
  let ids: (string | number | undefined)[] = [];
  // Slots that are not empty, deleted ones included: they lengthen probes until the next rehash drops them.
  let occupied = 0;
  let live = 0;

  /** The slot holding `id`, or -1. */
  const find = (id: string | number, hash: number): number => {
    const mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = slots[s] as number;
      if (entry === EMPTY) return -1;
      if (entry !== GONE && hashes[s] === hash && ids[entry - 1] === id) return s;
    }
  };

  const rehash = (capacity: number): void => {
    const oldSlots = slots;
    const oldHashes = hashes;
    const oldIds = ids;
    slots = new Int32Array(capacity);
    hashes = new Int32Array(capacity);
    ids = [];
    const mask = capacity - 1;
    for (let o = 0; o < oldSlots.length; o++) {
      const entry = oldSlots[o] as number;
      if (entry === EMPTY || entry === GONE) continue;
      const hash = oldHashes[o] as number;
      let s = hash & mask;
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      ids.push(oldIds[entry - 1]);
      slots[s] = ids.length;
      hashes[s] = hash;
    }
    occupied = ids.length;
  };

  return {
    has: (id) => find(id, hashOf(id)) >= 0,
    add(id) {
      const hash = hashOf(id);
      const mask = slots.length - 1;
      let s = hash & mask;
      for (let entry = slots[s] as number; entry !== EMPTY; entry = slots[s] as number) {
        if (entry !== GONE && hashes[s] === hash && ids[entry - 1] === id) return false;
        s = (s + 1) & mask;
      }
      ids.push(id);
      slots[s] = ids.length;
      hashes[s] = hash;
      live++;
      // At most half full, so probes stay short; a table full of deleted entries is rehashed at its size.
      if (++occupied * 2 > slots.length) rehash(live * 4 > slots.length ? slots.length * 2 : slots.length);
      return true;
    },
    delete(id) {
      const s = find(id, hashOf(id));
      if (s < 0) return;
      ids[(slots[s] as number) - 1] = undefined;
      slots[s] = GONE;
      live--;
    },
  };
}
