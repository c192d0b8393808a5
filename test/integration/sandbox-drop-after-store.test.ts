// `batch-studio sandbox --drop-after-store RATE`: the events of a push are stored (durably) and then the
// connection closes without an answer, the case that makes a careless client count events twice.
import { afterEach, describe, expect, it } from 'vitest';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';
import { runCli } from '../harness/cli-process';
import { projectRoot } from '../harness/project-root';

const started: SandboxProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((sandbox) => sandbox.stop()));
});
const start = async (args: string[]): Promise<SandboxProcess> => {
  const sandbox = await startSandboxProcess(args);
  started.push(sandbox);
  return sandbox;
};

/** 'dropped' when the connection closed unanswered, else the status. */
async function push(sandbox: SandboxProcess, path: string, body: unknown): Promise<string> {
  try {
    return String((await callSandbox(sandbox, 'POST', path, { body })).status);
  } catch {
    return 'dropped';
  }
}

describe('sandbox --drop-after-store', () => {
  it('at rate 1 stores every push and answers none of them', async () => {
    const sandbox = await start(['--drop-after-store', '1']);
    expect(await push(sandbox, '/events', { c: [{ id: 'a' }, { id: 'b' }] })).toBe('dropped');
    expect(await push(sandbox, '/events/c', { id: 'single' })).toBe('dropped');
    const exported = await callSandbox(sandbox, 'GET', '/events/c/export', { key: 'query' });
    expect(
      exported
        .json<{ results: { id: string }[] }>()
        .results.map((e) => e.id)
        .sort(),
    ).toEqual(['a', 'b', 'single']);
    // A repeat is a duplicate (409), which stores nothing, so it is answered.
    expect(await push(sandbox, '/events/c', { id: 'single' })).toBe('409');
  });

  it('drops a share of pushes, the same ones for the same seed, and stores all of them', async () => {
    const pattern = async () => {
      const sandbox = await start(['--drop-after-store', '0.4', '--seed', '11']);
      const seen: string[] = [];
      for (let i = 0; i < 30; i++) seen.push(await push(sandbox, '/events/c', { id: `e${i}` }));
      const exported = await callSandbox(sandbox, 'GET', '/events/c/export', { key: 'query' });
      return { seen, stored: exported.json<{ results: unknown[] }>().results.length };
    };
    const first = await pattern();
    expect(first.seen).toContain('dropped');
    expect(first.seen).toContain('200');
    expect(first.stored).toBe(30);
    expect((await pattern()).seen).toEqual(first.seen);
  });

  it('is listed by --help and refuses a rate outside 0..1', async () => {
    const help = await runCli(['sandbox', '--help'], { cwd: projectRoot });
    expect(help.stdout).toContain('--drop-after-store RATE');
    const bad = await runCli(['sandbox', '--drop-after-store', '2'], { cwd: projectRoot });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--drop-after-store must be a share from 0 to 1');
  });
});
