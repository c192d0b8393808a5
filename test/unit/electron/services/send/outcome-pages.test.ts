// A finished send's outcomes given out in pages from the compact ledger: every page together is the ledger's
// whole list in batch order (also when some events have no outcome), each outcome masked as it leaves.
import { describe, expect, it } from 'vitest';
import { OutcomeLedger } from '../../../../../core/send/outcome-ledger';
import type { EventOutcome } from '../../../../../core/send/outcome';
import { outcomePages } from '../../../../../electron/services/send/outcome-pages';

const events = { names: ['a', 'empty', 'b'], firsts: Uint32Array.from([0, 700, 700, 2_000]) };
const directory = { ...events, id: (g: number) => (g % 3 === 0 ? `e${g}` : undefined) };

/** The ledger as a finished send gives it out (the sender's result does just this). */
const resultOf = (ledger: OutcomeLedger) => ({
  eachOutcome: (o?: { undelivered?: boolean; from?: number; to?: number }) =>
    ledger.outcomes(o?.from ?? 0, Math.min(ledger.total, o?.to ?? ledger.total), o?.undelivered === true),
  get summary() {
    return ledger.summary();
  },
});

const redact = (o: EventOutcome): EventOutcome =>
  o.message === undefined ? o : { ...o, message: o.message.replaceAll('KEY', '••••') };

async function allPages(ledger: OutcomeLedger, size: number): Promise<{ total: number; list: EventOutcome[] }> {
  const pages = await outcomePages(resultOf(ledger), events, redact);
  const list: EventOutcome[] = [];
  for (let from = 0; from < pages.total; from += size) list.push(...pages.page(from, size));
  expect(pages.page(pages.total, size)).toEqual([]);
  return { total: pages.total, list };
}

describe('outcomePages', () => {
  it('pages through every outcome of the run in batch order, masking messages', async () => {
    const ledger = new OutcomeLedger(directory);
    for (let g = 0; g < 2_000; g++)
      ledger.set(g, g % 7 === 0 ? { outcome: 'rejected', message: `bad KEY ${g % 3}` } : { outcome: 'accepted' }, 1);
    const { total, list } = await allPages(ledger, 300);
    expect(total).toBe(2_000);
    expect(list).toEqual([...ledger.outcomes()].map(redact));
    expect(list.some((o) => o.message?.includes('KEY') === true)).toBe(false);
    expect(list[700]).toMatchObject({ collection: 'b', index: 0 });
  });

  it('counts only the events with an outcome, and pages them in order, when some have none', async () => {
    const ledger = new OutcomeLedger(directory);
    for (let g = 0; g < 2_000; g++) if (g % 5 !== 2) ledger.set(g, { outcome: 'not-sent', message: `KEY ${g}` }, 2);
    const { total, list } = await allPages(ledger, 333);
    expect(total).toBe(1_600);
    expect(list).toEqual([...ledger.outcomes()].map(redact));
    expect(list.map((o) => o.index).slice(0, 4)).toEqual([0, 1, 3, 4]);
  });
});
