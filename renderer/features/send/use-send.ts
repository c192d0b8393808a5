// One send at a time: start it through the Host, follow its progress events, cancel it, keep the report.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SendProgress, SendReport } from '../../../electron/contract/channels';
import type { Host } from '../../platform/host';

export type SendMode = 'all' | 'valid-only';

export interface SendState {
  readonly runId: string | undefined;
  readonly sending: boolean;
  readonly progress: SendProgress | undefined;
  readonly report: SendReport | undefined;
  readonly error: string | undefined;
}

export interface Sender extends SendState {
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
  const [state, setState] = useState<SendState>({
    runId: undefined,
    sending: false,
    progress: undefined,
    report: undefined,
    error: undefined,
  });
  const current = useRef<string | undefined>(undefined);

  useEffect(
    () =>
      host.on('send:progress', (progress) => {
        if (progress.runId === current.current) setState((s) => ({ ...s, progress }));
      }),
    [host],
  );

  const send = useCallback(
    async (profileId: string, batchText: string, mode: SendMode, confirmed = false, source?: string) => {
      if (current.current) return undefined;
      const runId = crypto.randomUUID();
      current.current = runId;
      setState((s) => ({ ...s, runId, sending: true, progress: undefined, error: undefined }));
      try {
        const report = await host.invoke('send:start', {
          runId,
          profileId,
          batchText,
          mode,
          ...(confirmed ? { confirmed } : {}),
          ...(source ? { source } : {}),
        });
        // The benchmarks measure from here to the painted result rows.
        performance.mark('batch-studio:send-resolved');
        setState({ runId, sending: false, progress: undefined, report, error: undefined });
        return report;
      } catch (error) {
        setState((s) => ({
          ...s,
          sending: false,
          progress: undefined,
          error: error instanceof Error ? error.message : String(error),
        }));
        return undefined;
      } finally {
        current.current = undefined;
      }
    },
    [host],
  );

  const cancel = useCallback(() => {
    const runId = current.current;
    if (runId) void host.invoke('send:cancel', { runId }).catch(() => undefined);
  }, [host]);

  return { ...state, send, cancel };
}
