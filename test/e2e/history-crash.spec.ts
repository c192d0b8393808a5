// Crash safety of history in the browser host: the host process is killed with SIGKILL in the middle of a
// 20,000-event send to its slowed local sandbox; started again on the same user-data folder, it lists the
// run as incomplete with every outcome its journal holds, in batch order, and the run's batch intact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onlyInBrowserHost, test } from './fixtures';
import { startWebHost, type WebHost } from '../harness/web-host';

onlyInBrowserHost();

interface Answer<T> {
  ok: boolean;
  data?: T;
  error?: { message: string };
}
interface ListedRun {
  id: string;
  complete: boolean;
  events: number;
  finishedAt?: string;
  counts: { accepted: number };
}

const invoke = async <T>(host: WebHost, channel: string, input: unknown): Promise<Answer<T>> => {
  const response = await fetch(`${host.url}/bridge/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'X-Bridge-Token': host.token, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Answer<T>;
};

const runsOf = async (host: WebHost): Promise<ListedRun[]> =>
  (await invoke<{ runs: ListedRun[] }>(host, 'runs:list', {})).data?.runs ?? [];

test('a browser host killed mid-send lists the run as incomplete with every known outcome after restart', async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'bs-history-crash-'));
  const env = { BATCH_STUDIO_SANDBOX_LATENCY_MS: '150' };
  let host: WebHost | undefined = await startWebHost({ userDataDir, env });
  try {
    const batchText = JSON.stringify({ crash: Array.from({ length: 20_000 }, (_, i) => ({ id: `c${i}`, n: i })) });
    // Never answered: the host dies first.
    void invoke(host, 'send:start', {
      runId: 'crash-run',
      profileId: 'local-sandbox',
      batchText,
      chunkSize: 500,
      source: 'Crash tab',
    }).catch(() => undefined);
    let seen = 0;
    await expect
      .poll(
        async () => {
          const run = (await runsOf(host as WebHost)).find((r) => r.id === 'crash-run');
          seen = run?.counts.accepted ?? 0;
          return seen;
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThanOrEqual(2_500);
    host.child.kill('SIGKILL');
    await host.stop();
    host = await startWebHost({ userDataDir, env });
    const run = (await runsOf(host)).find((r) => r.id === 'crash-run');
    expect(run).toMatchObject({ complete: false, events: 20_000 });
    expect(run?.finishedAt).toBeUndefined();
    expect(run?.counts.accepted).toBeGreaterThanOrEqual(seen);
    expect(run?.counts.accepted).toBeLessThan(20_000);
    const shown = await invoke<{ run: { batchText: string; source: string }; outcomes: { index: number }[] }>(
      host,
      'runs:show',
      { id: 'crash-run' },
    );
    expect(shown.data?.run.batchText).toBe(batchText);
    expect(shown.data?.run.source).toBe('Crash tab');
    const indices = shown.data?.outcomes.map((o) => o.index) ?? [];
    expect(indices).toEqual(Array.from({ length: indices.length }, (_, i) => i));
  } finally {
    await host?.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
