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

/** One collection's events of a run, by id (repeated ids in order) and, for those without one, by position. */
interface Indexed {
  readonly byId: Map<string | number, EventOutcome[]>;
  readonly byIndex: Map<number, EventOutcome>;
}

// Nested maps keyed by the values themselves: no key strings to build (and collect) for 100,000 events,
// and the id 1 stays apart from the id "1".
function indexed(outcomes: readonly EventOutcome[]): Map<string, Indexed> {
  const collections = new Map<string, Indexed>();
  for (const o of outcomes) {
    let c = collections.get(o.collection);
    if (!c) collections.set(o.collection, (c = { byId: new Map(), byIndex: new Map() }));
    if (o.id === undefined) c.byIndex.set(o.index, o);
    else {
      const list = c.byId.get(o.id);
      if (list) list.push(o);
      else c.byId.set(o.id, [o]);
    }
  }
  return collections;
}

const side = (o: EventOutcome, which: 'A' | 'B') =>
  which === 'A'
    ? { indexA: o.index, outcomeA: o.outcome, ...(o.message !== undefined ? { messageA: o.message } : {}) }
    : { indexB: o.index, outcomeB: o.outcome, ...(o.message !== undefined ? { messageB: o.message } : {}) };

const head = (o: EventOutcome) => ({ collection: o.collection, ...(o.id !== undefined ? { id: o.id } : {}) });

export function compareRuns(a: readonly EventOutcome[], b: readonly EventOutcome[]): RunComparison {
  const inB = indexed(b);
  const matched = new Set<EventOutcome>();
  // How many times each id was met so far in A, per collection: the n-th copy meets the n-th copy.
  const seen = new Map<string, Map<string | number, number>>();
  const changes: RunChange[] = [];
  let same = 0;
  let changed = 0;
  let onlyInA = 0;
  for (const oa of a) {
    const c = inB.get(oa.collection);
    let ob: EventOutcome | undefined;
    if (oa.id === undefined) ob = c?.byIndex.get(oa.index);
    else {
      let counts = seen.get(oa.collection);
      if (!counts) seen.set(oa.collection, (counts = new Map()));
      const n = counts.get(oa.id) ?? 0;
      counts.set(oa.id, n + 1);
      ob = c?.byId.get(oa.id)?.[n];
    }
    if (!ob) {
      onlyInA++;
      changes.push({ ...head(oa), kind: 'onlyInA', ...side(oa, 'A') });
      continue;
    }
    matched.add(ob);
    if (oa.outcome === ob.outcome) {
      same++;
      continue;
    }
    changed++;
    changes.push({ ...head(oa), kind: 'changed', ...side(oa, 'A'), ...side(ob, 'B') });
  }
  let onlyInB = 0;
  for (const ob of b) {
    if (matched.has(ob)) continue;
    onlyInB++;
    changes.push({ ...head(ob), kind: 'onlyInB', ...side(ob, 'B') });
  }
  return { summary: { same, changed, onlyInA, onlyInB }, changes };
}
