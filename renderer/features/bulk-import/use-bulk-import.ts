// One bulk import at a time from the app: start it through the Host, follow its progress events, cancel
// it, keep the report, and delete the objects it left in the bucket.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulkProgressEvent, BulkReport } from '../../../electron/contract/channels';
import type { Host } from '../../platform/host';

export interface BulkImportState {
  readonly running: boolean;
  readonly progress: BulkProgressEvent | undefined;
  readonly report: BulkReport | undefined;
  readonly error: string | undefined;
  /** What deleting the uploaded objects said, once asked. */
  readonly cleanup: string | undefined;
}

export interface BulkImporter extends BulkImportState {
  start(profileId: string, batchText: string, confirmed: boolean): Promise<BulkReport | undefined>;
  cancel(): void;
  deleteUploads(): Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function useBulkImport(host: Host): BulkImporter {
  const [state, setState] = useState<BulkImportState>({
    running: false,
    progress: undefined,
    report: undefined,
    error: undefined,
    cleanup: undefined,
  });
  const current = useRef<string | undefined>(undefined);

  useEffect(
    () =>
      host.on('bulk:progress', (progress) => {
        if (progress.runId === current.current) setState((s) => ({ ...s, progress }));
      }),
    [host],
  );

  const start = useCallback(
    async (profileId: string, batchText: string, confirmed: boolean) => {
      if (current.current) return undefined;
      const runId = crypto.randomUUID();
      current.current = runId;
      setState({ running: true, progress: undefined, report: undefined, error: undefined, cleanup: undefined });
      try {
        const report = await host.invoke('bulk:start', {
          runId,
          profileId,
          batchText,
          ...(confirmed ? { confirmed } : {}),
        });
        setState({ running: false, progress: undefined, report, error: report.error, cleanup: undefined });
        return report;
      } catch (error) {
        setState((s) => ({ ...s, running: false, progress: undefined, error: messageOf(error) }));
        return undefined;
      } finally {
        current.current = undefined;
      }
    },
    [host],
  );

  const cancel = useCallback(() => {
    const runId = current.current;
    if (runId) void host.invoke('bulk:cancel', { runId }).catch(() => undefined);
  }, [host]);

  const runId = state.report?.runId;
  const deleteUploads = useCallback(async () => {
    if (!runId) return;
    try {
      const answer = await host.invoke('bulk:delete-uploads', { runId });
      const failed = answer.failed.map((f) => f.message).join(' ');
      setState((s) => ({
        ...s,
        cleanup: `Deleted ${answer.deleted.length} uploaded object${answer.deleted.length === 1 ? '' : 's'}.${failed ? ` ${failed}` : ''}`,
      }));
    } catch (error) {
      setState((s) => ({ ...s, cleanup: messageOf(error) }));
    }
  }, [host, runId]);

  return { ...state, start, cancel, deleteUploads };
}
