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
  /** Forget a closed tab's results. */
  drop(docId: string): void;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const sendLabel = (report: SendReport): string =>
  `Sent ${time(report.startedAt)} to ${report.target.profileName} (${report.target.url.replace(/\/$/, '')}, project ${report.target.projectId})${report.cancelled ? ', cancelled' : ''}`;

export function useTabResults(): TabResults {
  const [byTab, setByTab] = useState<ReadonlyMap<string, TabResult>>(new Map());

  const put = useCallback((result: TabResult) => setByTab((prev) => new Map(prev).set(result.docId, result)), []);
  const record = useCallback((docId: string, report: SendReport) => put({ docId, outcomes: report.outcomes, report, label: sendLabel(report) }), [put]);
  const show = useCallback((docId: string, outcomes: readonly EventOutcome[], label?: string) => put({ docId, outcomes, ...(label ? { label } : {}) }), [put]);
  const drop = useCallback(
    (docId: string) =>
      setByTab((prev) => {
        if (!prev.has(docId)) return prev;
        const next = new Map(prev);
        next.delete(docId);
        return next;
      }),
    [],
  );
  const resultFor = useCallback((docId: string | undefined) => (docId ? byTab.get(docId) : undefined), [byTab]);
  return useMemo(() => ({ resultFor, record, show, drop }), [resultFor, record, show, drop]);
}
