// One long call at a time through the Host (a send, a bulk import): a fresh run id, the progress events
// main pushes for that run, cancel, and the report or the error the run ended with.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../electron/contract/channels';
import { messageOf, type Host } from './host';

type ProgressEvent = 'send:progress' | 'bulk:progress';

export interface HostRunState<P, R> {
  readonly running: boolean;
  readonly progress: P | undefined;
  readonly report: R | undefined;
  readonly error: string | undefined;
}

export interface HostRun<P, R> extends HostRunState<P, R> {
  /** Calls `call` with a fresh run id; undefined at once while another run is going, or when the call fails. */
  start(call: (runId: string) => Promise<R>): Promise<R | undefined>;
  cancel(): void;
}

const IDLE = { running: false, progress: undefined, report: undefined, error: undefined } as const;
const noError = (): undefined => undefined;

/** `errorOf`: what a finished run's report says went wrong (a module-level function: it is a dependency). */
export function useHostRun<E extends ProgressEvent, R>(
  host: Host,
  progressEvent: E,
  cancelChannel: 'send:cancel' | 'bulk:cancel',
  errorOf: (report: R) => string | undefined = noError,
): HostRun<EventPayload<E>, R> {
  const [state, setState] = useState<HostRunState<EventPayload<E>, R>>(IDLE);
  const current = useRef<string | undefined>(undefined);

  useEffect(
    () =>
      host.on(progressEvent, (progress) => {
        if (progress.runId === current.current) setState((s) => ({ ...s, progress }));
      }),
    [host, progressEvent],
  );

  const start = useCallback(
    async (call: (runId: string) => Promise<R>) => {
      if (current.current) return undefined;
      const runId = crypto.randomUUID();
      current.current = runId;
      setState({ ...IDLE, running: true });
      try {
        const report = await call(runId);
        setState({ ...IDLE, report, error: errorOf(report) });
        return report;
      } catch (error) {
        setState({ ...IDLE, error: messageOf(error) });
        return undefined;
      } finally {
        current.current = undefined;
      }
    },
    [errorOf],
  );

  const cancel = useCallback(() => {
    const runId = current.current;
    if (runId) void host.invoke(cancelChannel, { runId }).catch(() => undefined);
  }, [host, cancelChannel]);

  return { ...state, start, cancel };
}
