// Compares two runs event by event: matched by collection and id, by position where an event has no id,
// so QA sees which outcomes changed between a send and its resend or replay.
import type { EventOutcome, Outcome } from '../send/outcome';

export type ChangeKind = 'changed' | 'onlyInA' | 'onlyInB';

export interface RunChange {
  readonly collection: string;
  readonly id?: string | number;
  readonly indexA?: number;
  readonly indexB?: number;
  readonly kind: ChangeKind;
  readonly outcomeA?: Outcome;
  readonly outcomeB?: Outcome;
  readonly messageA?: string;
  readonly messageB?: string;
}

export interface RunComparison {
  readonly summary: {
    readonly same: number;
    readonly changed: number;
    readonly onlyInA: number;
    readonly onlyInB: number;
  };
  readonly changes: RunChange[];
}

/** One key per event; a repeated id gets its occurrence number, so the second copy meets the second copy. */
function keyed(outcomes: readonly EventOutcome[]): Map<string, EventOutcome> {
  const keys = new Map<string, EventOutcome>();
  for (const o of outcomes) {
    const base = o.id !== undefined ? `${o.collection}\u0000${typeof o.id}\u0000${o.id}` : `${o.collection}\u0000#\u0000${o.index}`;
    let key = base;
    for (let n = 1; keys.has(key); n++) key = `${base}\u0000${n}`;
    keys.set(key, o);
  }
  return keys;
}

const side = (o: EventOutcome, which: 'A' | 'B') =>
  which === 'A'
    ? { indexA: o.index, outcomeA: o.outcome, ...(o.message !== undefined ? { messageA: o.message } : {}) }
    : { indexB: o.index, outcomeB: o.outcome, ...(o.message !== undefined ? { messageB: o.message } : {}) };

const head = (o: EventOutcome) => ({ collection: o.collection, ...(o.id !== undefined ? { id: o.id } : {}) });

export function compareRuns(a: readonly EventOutcome[], b: readonly EventOutcome[]): RunComparison {
  const inB = keyed(b);
  const changes: RunChange[] = [];
  let same = 0;
  let changed = 0;
  let onlyInA = 0;
  for (const [key, oa] of keyed(a)) {
    const ob = inB.get(key);
    if (!ob) {
      onlyInA++;
      changes.push({ ...head(oa), kind: 'onlyInA', ...side(oa, 'A') });
      continue;
    }
    inB.delete(key);
    if (oa.outcome === ob.outcome) {
      same++;
      continue;
    }
    changed++;
    changes.push({ ...head(oa), kind: 'changed', ...side(oa, 'A'), ...side(ob, 'B') });
  }
  for (const ob of inB.values()) changes.push({ ...head(ob), kind: 'onlyInB', ...side(ob, 'B') });
  return { summary: { same, changed, onlyInA, onlyInB: inB.size }, changes };
}
