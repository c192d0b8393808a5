// The outcome journal of a run: one JSON line per known outcome or finished request, appended as the send
// goes. Read back tolerantly: a torn last line (the process was killed mid-write) is skipped, and a later
// line for the same event wins (a resend of a storage failure).
import { isJsonObject, tryParseJson } from '../json/value';
import { eventRef } from '../send/event-ref';
import { OUTCOMES, type EventOutcome } from '../send/outcome';
import type { RequestSummary, RunOutcomes } from './run';

type Entry = { readonly o: EventOutcome } | { readonly r: RequestSummary };

export function journalLines(outcomes: readonly EventOutcome[], request?: RequestSummary): string {
  let text = '';
  for (const o of outcomes) text += JSON.stringify({ o }) + '\n';
  if (request) text += JSON.stringify({ r: request }) + '\n';
  return text;
}

const KNOWN = new Set<string>(OUTCOMES);

function entryOf(line: string): Entry | undefined {
  const parsed = tryParseJson(line);
  if (!parsed.ok || !isJsonObject(parsed.value)) return undefined;
  const value = parsed.value;
  const o = value['o'];
  if (
    isJsonObject(o) &&
    typeof o['collection'] === 'string' &&
    Number.isInteger(o['index']) &&
    KNOWN.has(String(o['outcome']))
  )
    return { o: o as unknown as EventOutcome };
  const r = value['r'];
  if (isJsonObject(r) && Number.isInteger(r['request'])) return { r: r as unknown as RequestSummary };
  return undefined;
}

export interface JournalRead extends RunOutcomes {
  /** Lines that could not be read (at most the torn last one, unless the file was damaged). */
  readonly skipped: number;
}

/** Outcomes in batch order (collections as `order` lists them, then by index), requests by number. */
export function readJournal(text: string, order: readonly string[]): JournalRead {
  const byEvent = new Map<string, EventOutcome>();
  const requests = new Map<number, RequestSummary>();
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const entry = entryOf(line);
    if (!entry) {
      skipped++;
      continue;
    }
    if ('o' in entry) byEvent.set(eventRef(entry.o.collection, entry.o.index), entry.o);
    else requests.set(entry.r.request, entry.r);
  }
  const rank = new Map(order.map((name, i) => [name, i]));
  const outcomes = [...byEvent.values()].sort(
    (a, b) =>
      (rank.get(a.collection) ?? order.length) - (rank.get(b.collection) ?? order.length) ||
      (a.collection < b.collection ? -1 : a.collection > b.collection ? 1 : 0) ||
      a.index - b.index,
  );
  return { outcomes, requests: [...requests.values()].sort((a, b) => a.request - b.request), skipped };
}
