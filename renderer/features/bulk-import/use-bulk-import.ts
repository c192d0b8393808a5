// One bulk import at a time from the app: start it through the Host, follow its progress events, cancel
// it, keep the report, and delete the objects it left in the bucket.
import { useCallback, useState } from 'react';
import { plural } from '../../../core/text/plural';
import type { BulkProgressEvent, BulkReport } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';
import { useHostRun, type HostRunState } from '../../platform/use-host-run';

export interface BulkImportState extends HostRunState<BulkProgressEvent, BulkReport> {
  /** What deleting the uploaded objects said, once asked. */
  readonly cleanup: string | undefined;
}

export interface BulkImporter extends BulkImportState {
  start(profileId: string, batchText: string, confirmed: boolean): Promise<BulkReport | undefined>;
  cancel(): void;
  deleteUploads(): Promise<void>;
}

const reportError = (report: BulkReport): string | undefined => report.error;

export function useBulkImport(host: Host): BulkImporter {
  const run = useHostRun<'bulk:progress', BulkReport>(host, 'bulk:progress', 'bulk:cancel', reportError);
  const [cleanup, setCleanup] = useState<string | undefined>(undefined);
  const { start: startRun } = run;

  const start = useCallback(
    (profileId: string, batchText: string, confirmed: boolean) =>
      startRun((runId) => {
        setCleanup(undefined);
        return host.invoke('bulk:start', { runId, profileId, batchText, ...(confirmed ? { confirmed } : {}) });
      }),
    [host, startRun],
  );

  const runId = run.report?.runId;
  const deleteUploads = useCallback(async () => {
    if (!runId) return;
    try {
      const answer = await host.invoke('bulk:delete-uploads', { runId });
      const failed = answer.failed.map((f) => f.message).join(' ');
      setCleanup(`Deleted ${plural(answer.deleted.length, 'uploaded object')}.${failed ? ` ${failed}` : ''}`);
    } catch (error) {
      setCleanup(messageOf(error));
    }
  }, [host, runId]);

  return {
    running: run.running,
    progress: run.progress,
    report: run.report,
    error: run.error,
    cleanup,
    start,
    cancel: run.cancel,
    deleteUploads,
  };
}
