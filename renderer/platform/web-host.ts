// The Host in a plain browser: the browser host's loopback bridge (POST per call, Server-Sent Events
// for pushes), authorised by the per-launch token the host printed in the URL's fragment.
import type { CallResult } from '../../electron/contract/channels';
import { HostError, hostOver, type Host } from './host';
import { jsonBody } from './json-body';

/** The token from a `#token=...` fragment, or undefined. */
export function tokenFromHash(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token ? token : undefined;
}

export function createWebHost(token: string, base = './'): Host {
  let source: EventSource | undefined;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const ensureSource = (event: string) => {
    if (!source) source = new EventSource(`${base}bridge/events?token=${encodeURIComponent(token)}`);
    const set = listeners.get(event);
    if (set) return set;
    const fresh = new Set<(payload: unknown) => void>();
    listeners.set(event, fresh);
    source.addEventListener(event, (message) => {
      const data: unknown = JSON.parse((message as MessageEvent<string>).data);
      for (const listener of fresh) listener(data);
    });
    return fresh;
  };

  const encoder = new TextEncoder();
  return hostOver('web', {
    async invoke(channel: string, input: unknown): Promise<CallResult<unknown>> {
      let response: Response;
      try {
        response = await fetch(`${base}bridge/invoke/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': token },
          // As UTF-8 bytes: Chromium copies a string body on the UI thread for tens of ms at 500 KB (a tab's
          // text in workspace:save), the encoded bytes in a few; a long text is encoded a slice per task.
          body: await jsonBody(input, encoder),
        });
      } catch {
        throw new HostError({
          code: 'failed',
          message: 'The Batch Studio host cannot be reached. Is it still running?',
        });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new HostError({
          code: 'failed',
          message: `The Batch Studio host answered ${response.status} without a readable body.`,
        });
      }
      return body as CallResult<unknown>;
    },
    on(event: string, listener: (payload: unknown) => void) {
      const set = ensureSource(event);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
}
