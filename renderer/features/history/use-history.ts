// The History panel's data: runs from main (`runs:list`) with search and filters, refreshed when the
// panel opens and after every send; delete, clear, compare and export go through main too.
import { useCallback, useEffect, useState } from 'react';
import type { RunComparison, RunSummary } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';
import { downloadText } from '../results/download';

export interface HistoryFilter {
  readonly search: string;
  readonly target: string;
  readonly outcome: 'accepted' | 'duplicate' | 'rejected' | 'not-sent' | 'unknown' | '';
}

export type ExportFormat = 'csv' | 'json' | 'junit' | 'failed-batch';

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv',
  json: 'application/json',
  junit: 'application/xml',
  'failed-batch': 'application/json',
};

export function useHistory(host: Host, open: boolean, revision: number) {
  const [filter, setFilter] = useState<HistoryFilter>({ search: '', target: '', outcome: '' });
  const [runs, setRuns] = useState<readonly RunSummary[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [comparison, setComparison] = useState<RunComparison | undefined>(undefined);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (!open) return;
    let current = true;
    const input = {
      ...(filter.search.trim() ? { search: filter.search.trim() } : {}),
      ...(filter.target ? { target: filter.target } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
    };
    host
      .invoke('runs:list', input)
      .then((r) => {
        if (!current) return;
        setRuns(r.runs);
        setError(undefined);
      })
      .catch((e: unknown) => current && setError(messageOf(e)));
    return () => {
      current = false;
    };
  }, [host, open, filter, revision, reload]);

  const act = useCallback(async (work: () => Promise<unknown>) => {
    try {
      await work();
      setError(undefined);
    } catch (e) {
      setError(messageOf(e));
    }
    setReload((n) => n + 1);
  }, []);

  return {
    filter,
    setFilter,
    runs,
    error,
    setError,
    comparison,
    closeComparison: () => setComparison(undefined),
    remove: (id: string) => act(() => host.invoke('runs:delete', { id })),
    clear: () => act(() => host.invoke('runs:clear', {})),
    compare: (a: string, b: string) => act(async () => setComparison(await host.invoke('runs:compare', { a, b }))),
    exportRun: (id: string, format: ExportFormat) =>
      act(async () => {
        const file = await host.invoke('runs:export', { id, format });
        downloadText(file.fileName, file.text, MIME[format]);
      }),
  };
}
