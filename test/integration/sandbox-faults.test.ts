// Fault injection of `batch-studio sandbox` (spec §10): the right answers, nothing stored for a failure,
// and the same choices again for the same seed.
import { afterEach, describe, expect, it } from 'vitest';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';

const started: SandboxProcess[] = [];
const start = async (args: string[]): Promise<SandboxProcess> => {
  const sandbox = await startSandboxProcess(args);
  started.push(sandbox);
  return sandbox;
};
afterEach(async () => {
  await Promise.all(started.splice(0).map((sandbox) => sandbox.stop()));
});

const batchOf = (n: number) => ({ c: Array.from({ length: n }, (_, i) => ({ id: `e${i}` })) });

/** Per event of a 100-event batch: 'ok' or the rejection message. */
async function eventPattern(args: string[]): Promise<{ pattern: string[]; stored: number }> {
  const sandbox = await start(args);
  const answer = await callSandbox(sandbox, 'POST', '/events', { body: batchOf(100) });
  expect(answer.status).toBe(200);
  const results = answer.json<{ c: { success: boolean; message?: string }[] }>().c;
  const exported = await callSandbox(sandbox, 'GET', '/events/c/export', { key: 'query' });
  return {
    pattern: results.map((result) => (result.success ? 'ok' : (result.message ?? '?'))),
    stored: exported.json<{ results: unknown[] }>().results.length,
  };
}

/** Outcome of 30 single pushes in a row: the status, or 'dropped' when the connection closed unanswered. */
async function requestPattern(args: string[]): Promise<string[]> {
  const sandbox = await start(args);
  const outcomes: string[] = [];
  for (let i = 0; i < 30; i++) {
    try {
      const answer = await callSandbox(sandbox, 'POST', '/events/c', { body: { id: i } });
      if (answer.status === 500) {
        expect(answer.json()).toEqual({ errorMessage: 'An error occurred while processing your request' });
      }
      outcomes.push(String(answer.status));
    } catch {
      outcomes.push('dropped');
    }
  }
  return outcomes;
}

describe('sandbox fault injection', () => {
  it('--fail-events fails a share of valid events with the retryable message, stores none of them, and repeats with a seed', async () => {
    const first = await eventPattern(['--fail-events', '0.3', '--seed', '42']);
    const failed = first.pattern.filter((p) => p !== 'ok');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(100);
    expect(new Set(failed)).toEqual(new Set(['An error occurred inserting the event please try again.']));
    expect(first.stored).toBe(100 - failed.length);
    const second = await eventPattern(['--fail-events', '0.3', '--seed', '42']);
    expect(second.pattern).toEqual(first.pattern);
    const otherSeed = await eventPattern(['--fail-events', '0.3', '--seed', '43']);
    expect(otherSeed.pattern).not.toEqual(first.pattern);
  });

  it('--fail-requests answers a share of requests with the 500 of spec §3, repeatably', async () => {
    const first = await requestPattern(['--fail-requests', '0.4', '--seed', '7']);
    expect(first).toContain('500');
    expect(first).toContain('200');
    expect(await requestPattern(['--fail-requests', '0.4', '--seed', '7'])).toEqual(first);
  });

  it('--drop-requests closes a share of connections without an answer, repeatably', async () => {
    const first = await requestPattern(['--drop-requests', '0.4', '--seed', '3']);
    expect(first).toContain('dropped');
    expect(first).toContain('200');
    expect(await requestPattern(['--drop-requests', '0.4', '--seed', '3'])).toEqual(first);
  });

  it('a failed request stores nothing, and rate 1 fails every push while health still answers', async () => {
    const sandbox = await start(['--fail-requests', '1']);
    const answer = await callSandbox(sandbox, 'POST', '/events', { body: batchOf(3) });
    expect(answer.status).toBe(500);
    expect(answer.json()).toEqual({ errorMessage: 'An error occurred while processing your request' });
    expect((await callSandbox(sandbox, 'GET', '/sandbox/health', { key: 'none' })).status).toBe(200);
  });

  it('whole-request errors come before a storage failure (spec §3 order)', async () => {
    const sandbox = await start(['--fail-requests', '1']);
    const tooMany = await callSandbox(sandbox, 'POST', '/events', { body: batchOf(5001) });
    expect(tooMany.status).toBe(413);
    expect((await callSandbox(sandbox, 'POST', '/events', { bodyText: '[' })).status).toBe(400);
  });

  it('--latency still gives the normal answers', async () => {
    const sandbox = await start(['--latency', '20']);
    const answer = await callSandbox(sandbox, 'POST', '/events', { body: batchOf(2) });
    expect(answer.json()).toEqual({ c: [{ success: true }, { success: true }] });
  });
});
