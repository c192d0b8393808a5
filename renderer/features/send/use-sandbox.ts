// The embedded sandbox's status (pushed by main) and its Restart and Reset actions.
import { useCallback, useEffect, useState } from 'react';
import type { SandboxStatus } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';

export interface Sandbox {
  readonly status: SandboxStatus | undefined;
  readonly busy: boolean;
  readonly error: string | undefined;
  restart(): void;
  reset(): void;
  refresh(): void;
}

export function useSandbox(host: Host): Sandbox {
  const [status, setStatus] = useState<SandboxStatus | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const refresh = useCallback(() => {
    host.invoke('sandbox:status', {}).then(setStatus, (e: unknown) => setError(messageOf(e)));
  }, [host]);

  useEffect(() => {
    refresh();
    return host.on('sandbox:status', setStatus);
  }, [host, refresh]);

  const run = useCallback(
    (channel: 'sandbox:restart' | 'sandbox:reset') => {
      setBusy(true);
      host
        .invoke(channel, {})
        .then(
          (s) => {
            setStatus(s);
            setError(undefined);
          },
          (e: unknown) => setError(messageOf(e)),
        )
        .finally(() => setBusy(false));
    },
    [host],
  );

  return { status, busy, error, restart: () => run('sandbox:restart'), reset: () => run('sandbox:reset'), refresh };
}
