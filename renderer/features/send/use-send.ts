// One send at a time: start it through the Host, follow its progress events, cancel it, keep the report.
import { useCallback } from 'react';
import type { SendProgress, SendReport } from '../../../electron/contract/channels';
import type { Host } from '../../platform/host';
import { useHostRun } from '../../platform/use-host-run';
import { startSend } from './send-calls';

export type SendMode = 'all' | 'valid-only';

export interface Sender {
  readonly sending: boolean;
  readonly progress: SendProgress | undefined;
  readonly report: SendReport | undefined;
  readonly error: string | undefined;
  /** `confirmed`: the user said yes to sending to a production target (main requires it there). */
  /** `source`: the tab's name or file, as history names the run. */
  send(
    profileId: string,
    batchText: string,
    mode: SendMode,
    confirmed?: boolean,
    source?: string,
  ): Promise<SendReport | undefined>;
  cancel(): void;
}

export function useSend(host: Host): Sender {
  const { running, progress, report, error, start, cancel } = useHostRun<'send:progress', SendReport>(
    host,
    'send:progress',
    'send:cancel',
  );

  const send = useCallback(
    (profileId: string, batchText: string, mode: SendMode, confirmed = false, source?: string) =>
      start(async (runId) => {
        const sent = await startSend(
          host,
          { runId, profileId, batchText, mode, ...(confirmed ? { confirmed } : {}), ...(source ? { source } : {}) },
          // The benchmarks measure from here to the painted result rows.
          () => performance.mark('batch-studio:send-resolved'),
        );
        return sent;
      }),
    [host, start],
  );

  return { sending: running, progress, report, error, send, cancel };
}
