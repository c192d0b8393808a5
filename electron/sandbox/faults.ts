// Fault injection of spec §10 (--latency, --fail-*, --drop-requests, --drop-after-store), repeatable from a seed.

/** mulberry32: a tiny, fast PRNG whose sequence depends only on its seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultOptions {
  readonly latencyMs: number;
  readonly failEvents: number;
  readonly failRequests: number;
  readonly dropRequests: number;
  /** Share of pushes stored and then left without an answer (the connection is destroyed). */
  readonly dropAfterStore?: number;
  readonly seed: number;
}

export interface Faults {
  readonly latencyMs: number;
  dropRequest(): boolean;
  /** After storing a push: close the connection instead of answering. */
  dropAfterStore(): boolean;
  failRequest(): boolean;
  failEvent(): boolean;
}

/**
 * One independent stream per kind of fault, and a draw only when its rate is above zero, so the
 * choices of one kind do not shift when another kind is switched on or off.
 */
export function createFaults(options: FaultOptions): Faults {
  const chooser = (rate: number, streamSeed: number): (() => boolean) => {
    if (rate <= 0) return () => false;
    if (rate >= 1) return () => true;
    const next = mulberry32(streamSeed);
    return () => next() < rate;
  };
  return {
    latencyMs: options.latencyMs,
    dropRequest: chooser(options.dropRequests, options.seed ^ 0x1f123bb5),
    dropAfterStore: chooser(options.dropAfterStore ?? 0, options.seed ^ 0x7a3d9e21),
    failRequest: chooser(options.failRequests, options.seed ^ 0x5f356495),
    failEvent: chooser(options.failEvents, options.seed ^ 0x2c1b3c6d),
  };
}
