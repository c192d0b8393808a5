// Each tab's own last send: its outcomes and report, labelled with when and where it went, so switching
// tabs switches the results panel.
import { useCallback, useMemo, useState } from 'react';
import type { EventOutcome } from '../../../core/send/outcome';
import type { SendReport } from '../../../electron/contract/channels';

export interface TabResult {
  readonly docId: string;
  readonly outcomes: readonly EventOutcome[];
  readonly report?: SendReport;
  /** "Sent 14:03:12 to Local sandbox (http://127.0.0.1:4010)", or where else the rows came from. */
  readonly label?: string;
}

export interface TabResults {
  resultFor(docId: string | undefined): TabResult | undefined;
  /** A send from this tab finished. */
  record(docId: string, report: SendReport): void;
  /** Rows from elsewhere (a past run, a test), shown for this tab. */
  show(docId: string, outcomes: readonly EventOutcome[], label?: string): void;
  /** Forget the results of tabs that are closed (a big run's rows would otherwise stay in memory). */
  retain(openIds: ReadonlySet<string>): void;
}

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');

/** An export's file name stem that says what it holds: source, target and time, never a run id. */
export const resultsFileStem = (source: string, report: SendReport | undefined): string =>
  [
    'results',
    fileSafe(source.replace(/\.json$/i, '')),
    report ? fileSafe(report.target.profileName) : '',
    report ? report.startedAt.slice(0, 19).replace(/:/g, '') : '',
  ]
    .filter((part) => part !== '')
    .join('_');

export const sendLabel = (report: SendReport): string =>
  `Sent ${time(report.startedAt)} to ${report.target.profileName} (${report.target.url.replace(/\/$/, '')}, project ${report.target.projectId})${report.cancelled ? ', cancelled' : ''}`;

export function useTabResults(): TabResults {
  const [byTab, setByTab] = useState<ReadonlyMap<string, TabResult>>(new Map());

  const put = useCallback((result: TabResult) => setByTab((prev) => new Map(prev).set(result.docId, result)), []);
  const record = useCallback(
    (docId: string, report: SendReport) => put({ docId, outcomes: report.outcomes, report, label: sendLabel(report) }),
    [put],
  );
  const show = useCallback(
    (docId: string, outcomes: readonly EventOutcome[], label?: string) =>
      put({ docId, outcomes, ...(label ? { label } : {}) }),
    [put],
  );
  const retain = useCallback(
    (openIds: ReadonlySet<string>) =>
      setByTab((prev) => {
        const closed = [...prev.keys()].filter((id) => !openIds.has(id));
        if (closed.length === 0) return prev;
        const next = new Map(prev);
        for (const id of closed) next.delete(id);
        return next;
      }),
    [],
  );
  const resultFor = useCallback((docId: string | undefined) => (docId ? byTab.get(docId) : undefined), [byTab]);
  return useMemo(() => ({ resultFor, record, show, retain }), [resultFor, record, show, retain]);
}
