// The browser host as the host benches drive it: bridge calls, the loop probe's lines (BATCH_STUDIO_LOOP_PROBE=1)
// read from its stderr, and its tasks over 50 ms with how much of each it ran and waited for a core.
import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { WebHost } from '../harness/web-host';

export async function invoke(host: WebHost, channel: string, input: unknown): Promise<string> {
  const response = await fetch(`${host.url}/bridge/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': host.token, Origin: host.url },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
  return response.text();
}

/**
 * A call on a connection of its own: building a big batch takes longer than the host keeps an
 * idle connection, and a reused one can close under the upload (EPIPE).
 */
export function invokeFresh(host: WebHost, channel: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${host.url}/bridge/invoke/${channel}`,
      {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': host.token, Origin: host.url },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Reads the next probe line the host writes after a SIGUSR2 (undefined: this build has no probe). */
export async function probe(host: WebHost): Promise<string | undefined> {
  const before = host.stderr().length;
  host.child.kill('SIGUSR2');
  const started = performance.now();
  while (performance.now() - started < 10_000) {
    const line = /loop-probe longest-gap-ms[^\n]*/.exec(host.stderr().slice(before))?.[0];
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

/**
 * The host's tasks over 50 ms written since `from` (a stderr offset): length, when each began, and (on Linux)
 * how much of it the main thread ran and how much it waited for a core (the rest it slept).
 */
export const gapsSince = (
  host: WebHost,
  from: number,
): { ms: number; began: number; ran?: number; waited?: number }[] =>
  [
    ...host
      .stderr()
      .slice(from)
      .matchAll(/loop-probe gap-ms=([\d.]+)(?: ran-ms=([\d.]+) waited-ms=([\d.]+))? ended-at=(\d+)/g),
  ].map((m) => ({
    ms: Number(m[1]),
    began: Number(m[4]) - Number(m[1]),
    ...(m[2] !== undefined ? { ran: Number(m[2]), waited: Number(m[3]) } : {}),
  }));
