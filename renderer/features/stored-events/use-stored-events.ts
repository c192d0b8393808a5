// What the local sandbox stored, read through main (sandbox:collections, sandbox:export): the collections
// with their counts, and the events of one of them that match a filter and a timeframe (spec §6).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChannelInput } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';

export interface StoredCollection {
  readonly name: string;
  readonly count: number;
}

/** The form as typed: a filter as JSON text, and the timeframe's bounds as ISO text (either may be empty). */
export interface StoredQueryForm {
  readonly filter: string;
  readonly start: string;
  readonly end: string;
}

export interface StoredEventsState {
  readonly collections: readonly StoredCollection[] | undefined;
  readonly selected: string | undefined;
  readonly events: readonly Record<string, unknown>[] | undefined;
  readonly matched: number;
  readonly busy: boolean;
  readonly error: string | undefined;
  select(collection: string): void;
  apply(form: StoredQueryForm): void;
  refresh(): void;
}

export const EMPTY_FORM: StoredQueryForm = { filter: '', start: '', end: '' };

type Query = NonNullable<ChannelInput<'sandbox:export'>['query']>;

/** The export query of a form, or the reason it is not one. */
export function queryOf(form: StoredQueryForm): { ok: true; query: Query } | { ok: false; message: string } {
  const query: { filter?: Record<string, unknown>; timeframe?: { start?: string; end?: string } } = {};
  if (form.filter.trim() !== '') {
    let filter: unknown;
    try {
      filter = JSON.parse(form.filter);
    } catch (error) {
      return {
        ok: false,
        message: `The filter is not valid JSON (${messageOf(error)}).`,
      };
    }
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
      return {
        ok: false,
        message: 'The filter must be a JSON object, such as {"page": "/home"} or {"ms": {"gt": 20}}.',
      };
    }
    query.filter = filter as Record<string, unknown>;
  }
  const start = form.start.trim();
  const end = form.end.trim();
  if (start !== '' || end !== '')
    query.timeframe = { ...(start !== '' ? { start } : {}), ...(end !== '' ? { end } : {}) };
  return { ok: true, query };
}

export function useStoredEvents(host: Host): StoredEventsState {
  const [collections, setCollections] = useState<readonly StoredCollection[] | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [form, setForm] = useState<StoredQueryForm>(EMPTY_FORM);
  const [events, setEvents] = useState<readonly Record<string, unknown>[] | undefined>(undefined);
  const [matched, setMatched] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const load = useCallback(
    (collection: string, next: StoredQueryForm) => {
      const query = queryOf(next);
      if (!query.ok) {
        setError(query.message);
        return;
      }
      setBusy(true);
      host
        .invoke('sandbox:export', { collection, query: query.query })
        .then(
          (answer) => {
            setEvents(answer.events);
            setMatched(answer.matched);
            setError(undefined);
          },
          (e: unknown) => setError(messageOf(e)),
        )
        .finally(() => setBusy(false));
    },
    [host],
  );

  const refresh = useCallback(() => {
    host.invoke('sandbox:collections', {}).then(
      (answer) => {
        setCollections(answer.collections);
        setError(undefined);
        const current = selected ?? answer.collections[0]?.name;
        if (current !== undefined) {
          setSelected(current);
          load(current, form);
        } else setEvents(undefined);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [host, load, selected, form]);

  useEffect(() => {
    refresh();
    // Only on opening: later refreshes are asked for.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return useMemo(
    () => ({
      collections,
      selected,
      events,
      matched,
      busy,
      error,
      select: (collection: string) => {
        setSelected(collection);
        load(collection, form);
      },
      apply: (next: StoredQueryForm) => {
        setForm(next);
        if (selected !== undefined) load(selected, next);
      },
      refresh,
    }),
    [collections, selected, events, matched, busy, error, load, form, refresh],
  );
}
