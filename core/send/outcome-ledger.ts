// The latest outcome of every event of a send, kept compact: a byte, a request number and a message
// number per event; each distinct message is kept once. Events are numbered across collections (`g`).
import { OUTCOMES, type EventOutcome, type Outcome } from './outcome';
import type { Conclusion } from './reconcile';
import type { CollectionSummary, OutcomeCounts, OutcomeSummary } from './summary';

/** What an event is, by number, for the outcomes the ledger gives out. */
export interface EventDirectory {
  readonly names: readonly string[];
  /** `firsts[c]`: number of collection c's first event; the last entry is the event count. */
  readonly firsts: Uint32Array;
  id(g: number): string | number | undefined;
}

const NONE = 0;
const RETRYABLE = 0x80;
const codeOf = (outcome: Outcome): number => OUTCOMES.indexOf(outcome) + 1;
const DEFAULT_DUPLICATE_MESSAGE = 'An event with the same id has already been inserted.';

export class OutcomeLedger {
  private readonly codes: Uint8Array;
  private readonly requests: Uint32Array;
  /** Per event: 0 for no message, else 1 + its place in `texts`; made when the first message comes (a clean send has none). */
  private messageIds: Uint32Array | undefined;
  private readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();

  constructor(private readonly directory: EventDirectory) {
    const total = directory.firsts[directory.firsts.length - 1] ?? 0;
    this.codes = new Uint8Array(total);
    this.requests = new Uint32Array(total);
  }

  private messageId(message: string | undefined): number {
    if (message === undefined) return 0;
    let id = this.textIds.get(message);
    if (id === undefined) {
      this.texts.push(message);
      id = this.texts.length;
      this.textIds.set(message, id);
    }
    return id;
  }

  private message(g: number): string | undefined {
    const id = this.messageIds?.[g] ?? 0;
    return id === 0 ? undefined : this.texts[id - 1];
  }

  get total(): number {
    return this.codes.length;
  }

  set(g: number, conclusion: Conclusion, request: number | undefined): void {
    this.codes[g] = codeOf(conclusion.outcome) | (conclusion.retryable ? RETRYABLE : 0);
    this.requests[g] = request ?? 0;
    const { message } = conclusion;
    // The default duplicate text is implied by the outcome.
    const id =
      conclusion.outcome === 'duplicate' && message === DEFAULT_DUPLICATE_MESSAGE ? 0 : this.messageId(message);
    if (id === 0 && this.messageIds === undefined) return;
    this.messageIds ??= new Uint32Array(this.codes.length);
    this.messageIds[g] = id;
  }

  /** The same conclusion for many events (a chunk the server accepted whole): worked out once, not per event. */
  setAll(events: ArrayLike<number>, conclusion: Conclusion, request: number | undefined): void {
    const first = events[0];
    if (first === undefined) return;
    this.set(first, conclusion, request);
    const code = this.codes[first] ?? NONE;
    const id = this.messageIds?.[first];
    for (let i = 1; i < events.length; i++) {
      const g = events[i] ?? 0;
      this.codes[g] = code;
      this.requests[g] = request ?? 0;
      if (this.messageIds && id !== undefined) this.messageIds[g] = id;
    }
  }

  outcomeCode(g: number): Outcome | undefined {
    const code = (this.codes[g] ?? NONE) & ~RETRYABLE;
    return code === NONE ? undefined : OUTCOMES[code - 1];
  }

  /** The recorded conclusion and request of event `g`, to put back with `set` later. */
  entry(g: number): { readonly conclusion: Conclusion; readonly request?: number } | undefined {
    const outcome = this.outcomeCode(g);
    if (outcome === undefined) return undefined;
    const message = this.message(g);
    const request = this.requests[g] ?? 0;
    return {
      conclusion: {
        outcome,
        ...(message !== undefined ? { message } : {}),
        ...(this.isRetryable(g) ? { retryable: true } : {}),
      },
      ...(request > 0 ? { request } : {}),
    };
  }

  isRetryable(g: number): boolean {
    return ((this.codes[g] ?? 0) & RETRYABLE) !== 0;
  }

  /** The event's outcome as an object (made on demand: the ledger itself holds none). */
  outcome(g: number, collection: number): EventOutcome | undefined {
    const outcome = this.outcomeCode(g);
    if (outcome === undefined) return undefined;
    const result: { -readonly [K in keyof EventOutcome]: EventOutcome[K] } = {
      collection: this.directory.names[collection] ?? '',
      index: g - (this.directory.firsts[collection] ?? 0),
      outcome,
    };
    const id = this.directory.id(g);
    if (id !== undefined) result.id = id;
    const message = this.message(g) ?? (outcome === 'duplicate' ? DEFAULT_DUPLICATE_MESSAGE : undefined);
    if (message !== undefined) result.message = message;
    const request = this.requests[g] ?? 0;
    if (request > 0) result.request = request;
    if (this.isRetryable(g)) result.retryable = true;
    return result;
  }

  /** Every recorded outcome in batch order, one object at a time; only the undelivered ones when asked. */
  *outcomes(from = 0, to = this.total, undelivered = false): Generator<EventOutcome> {
    const { firsts } = this.directory;
    const accepted = codeOf('accepted');
    const duplicate = codeOf('duplicate');
    const imported = codeOf('imported');
    let c = 0;
    for (let g = from; g < to; g++) {
      if (undelivered) {
        const code = (this.codes[g] ?? NONE) & ~RETRYABLE;
        if (code === accepted || code === duplicate || code === imported) continue;
      }
      while ((firsts[c + 1] ?? Infinity) <= g) c++;
      const outcome = this.outcome(g, c);
      if (outcome) yield outcome;
    }
  }

  /** Outcome counts per collection and in total, from the codes alone (one pass over a byte per event). */
  summary(): OutcomeSummary {
    const zero = (): OutcomeCounts => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
    const total = { ...zero(), events: 0 };
    const collections: CollectionSummary[] = [];
    const { names, firsts } = this.directory;
    const { codes } = this;
    const tally = new Uint32Array(OUTCOMES.length + 1);
    for (let c = 0; c < names.length; c++) {
      tally.fill(0);
      for (let g = firsts[c] ?? 0, end = firsts[c + 1] ?? 0; g < end; g++) {
        const code = (codes[g] ?? NONE) & ~RETRYABLE;
        tally[code] = (tally[code] ?? 0) + 1;
      }
      const counts = zero();
      let events = 0;
      OUTCOMES.forEach((o, k) => {
        counts[o] = tally[k + 1] ?? 0;
        events += counts[o];
      });
      if (events === 0) continue;
      for (const o of OUTCOMES) total[o] += counts[o];
      total.events += events;
      collections.push({ name: names[c] ?? '', events, ...counts });
    }
    return { total, collections };
  }
}
