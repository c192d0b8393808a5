// Long work on main's event loop cut into slices, with a turn of the loop between them so that no call
// waits behind it (a million outcomes to mask or write out take seconds in one go).

/** Longest stretch of work between two turns of the event loop. */
const SLICE_MS = 10;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface Slicer {
  /** True once the current slice has run its time. */
  readonly due: () => boolean;
  /** When the slice is due: a turn of the event loop, then a new slice. */
  readonly pause: () => Promise<void>;
}

export function createSlicer(sliceMs = SLICE_MS): Slicer {
  let sliceEnd = performance.now() + sliceMs;
  const due = () => performance.now() >= sliceEnd;
  return {
    due,
    async pause() {
      if (!due()) return;
      await turn();
      sliceEnd = performance.now() + sliceMs;
    },
  };
}

/** `f` of every item, in order, with a turn whenever a slice has run its time (for items of some size each). */
export async function mapInSlices<T, U>(items: readonly T[], f: (item: T) => U): Promise<U[]> {
  const slicer = createSlicer();
  const out: U[] = [];
  for (const item of items) {
    out.push(f(item));
    await slicer.pause();
  }
  return out;
}
