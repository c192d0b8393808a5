// Durability of `batch-studio sandbox --data-dir`: what was answered 200 survives kill -9, and a torn or
// corrupted record in the log is skipped with a warning instead of stopping the sandbox.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callSandbox, startSandboxProcess, type SandboxProcess } from '../harness/sandbox-process';

let dataDir: string;
let running: SandboxProcess | undefined;
const FIXED = [
  '--project-id',
  'durable',
  '--push-key',
  'p',
  '--query-key',
  'q',
  '--pushquery-key',
  'pq',
  '--master-key',
  'm',
];

const start = async (): Promise<SandboxProcess> => {
  running = await startSandboxProcess(['--data-dir', dataDir, ...FIXED]);
  return running;
};

/** kill -9: no signal handler runs, nothing is flushed on the way out. */
const killHard = async (sandbox: SandboxProcess): Promise<void> => {
  const exited = new Promise((done) => sandbox.child.once('exit', done));
  sandbox.child.kill('SIGKILL');
  await exited;
  running = undefined;
};

const ids = async (sandbox: SandboxProcess, collection: string): Promise<unknown[]> => {
  const answer = await callSandbox(sandbox, 'GET', `/events/${collection}/export`, { key: 'query' });
  expect(answer.status).toBe(200);
  return answer.json<{ results: { id: unknown }[] }>().results.map((event) => event.id);
};

const push = async (sandbox: SandboxProcess, body: unknown): Promise<void> => {
  const answer = await callSandbox(sandbox, 'POST', '/events', { body });
  expect(answer.status).toBe(200);
};

const logFile = () => join(dataDir, 'events.log');

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sandbox-durable-'));
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sandbox --data-dir', () => {
  it('keeps every acknowledged event, delete and id across kill -9 and a torn record written after them', async () => {
    let sandbox = await start();
    expect(sandbox.dataDir).toBe(dataDir);
    await push(sandbox, { c: [{ id: 'a1', timestamp: '2020-01-01T01:00:00+01:00' }, { id: 1 }], d: [{ id: 'd1' }] });
    expect((await callSandbox(sandbox, 'POST', '/events/c', { body: { id: 'a2' } })).status).toBe(200);
    await push(sandbox, { gone: [{ id: 'g1' }] });
    expect((await callSandbox(sandbox, 'DELETE', '/collections/gone', { key: 'master' })).status).toBe(200);
    await killHard(sandbox);

    // A write that was cut short by the crash: no newline, so never acknowledged.
    appendFileSync(logFile(), '0badf00d {"t":"push","b":[["c",[{"id":"ghost"');
    sandbox = await start();
    expect(sandbox.stderr()).toMatch(/incomplete|torn/);
    expect(await ids(sandbox, 'c')).toEqual(['a1', 1, 'a2']);
    expect(await ids(sandbox, 'd')).toEqual(['d1']);
    expect(await ids(sandbox, 'gone')).toEqual([]);
    const stored = await callSandbox(sandbox, 'GET', '/events/c/export', { key: 'query' });
    expect(stored.json<{ results: { timestamp: string }[] }>().results[0]?.timestamp).toBe('2020-01-01T00:00:00.000Z');

    // Ids survive too: the same id again is a duplicate; the torn tail was cut, so new records read back.
    const again = await callSandbox(sandbox, 'POST', '/events', { body: { c: [{ id: 'a1' }, { id: 'a3' }] } });
    expect(again.json()).toEqual({
      c: [
        { success: false, duplicate: true, message: 'An event with the same id has already been inserted.' },
        { success: true },
      ],
    });
    await killHard(sandbox);
    sandbox = await start();
    expect(sandbox.stderr()).toBe('');
    expect(await ids(sandbox, 'c')).toEqual(['a1', 1, 'a2', 'a3']);
  });

  it('a last record cut short loses only that record, with a warning', async () => {
    let sandbox = await start();
    await push(sandbox, { c: [{ id: 'kept' }] });
    const sizeAfterFirst = statSync(logFile()).size;
    await push(sandbox, { c: [{ id: 'torn' }] });
    await killHard(sandbox);
    truncateSync(logFile(), statSync(logFile()).size - 5);
    sandbox = await start();
    expect(sandbox.stderr()).toMatch(/skipped/);
    expect(await ids(sandbox, 'c')).toEqual(['kept']);
    expect(statSync(logFile()).size).toBe(sizeAfterFirst);
  });

  it('a corrupted record in the middle is skipped with a warning and the later ones still load', async () => {
    let sandbox = await start();
    await push(sandbox, { c: [{ id: 'one' }] });
    await push(sandbox, { c: [{ id: 'two' }] });
    await push(sandbox, { c: [{ id: 'three' }] });
    await killHard(sandbox);
    const text = readFileSync(logFile(), 'utf8');
    writeFileSync(logFile(), text.replace('"two"', '"twx"'));
    sandbox = await start();
    expect(sandbox.stderr()).toMatch(/checksum/);
    expect(await ids(sandbox, 'c')).toEqual(['one', 'three']);
  });

  it('a reset is durable', async () => {
    let sandbox = await start();
    await push(sandbox, { c: [{ id: 'x' }] });
    expect((await callSandbox(sandbox, 'POST', '/sandbox/reset', { key: 'master' })).status).toBe(200);
    await push(sandbox, { d: [{ id: 'after' }] });
    await killHard(sandbox);
    sandbox = await start();
    expect(await ids(sandbox, 'c')).toEqual([]);
    expect(await ids(sandbox, 'd')).toEqual(['after']);
  });

  it('refuses a second sandbox on the same folder while the first runs, and allows it after a crash', async () => {
    const first = await start();
    await expect(startSandboxProcess(['--data-dir', dataDir, ...FIXED])).rejects.toThrow(/in use by another sandbox/);
    await push(first, { c: [{ id: 'x' }] });
    await killHard(first);
    const second = await start();
    expect(await ids(second, 'c')).toEqual(['x']);
  });

  it('a failed log write answers 500 and leaves nothing behind: the events are not duplicates when resent', async () => {
    // 64 KiB of log at most: the first small push fits, a push of ~200 KiB cannot be written.
    const sandbox = await startSandboxProcess(['--data-dir', dataDir, ...FIXED], { fileSizeLimitKiB: 64 });
    running = sandbox;
    await push(sandbox, { c: [{ id: 'small' }] });
    const big = { c: Array.from({ length: 2_000 }, (_, i) => ({ id: `big-${i}`, pad: 'x'.repeat(100) })) };
    const failed = await callSandbox(sandbox, 'POST', '/events', { body: big });
    expect(failed.status).toBe(500);
    expect(failed.json()).toEqual({ errorMessage: 'An error occurred while processing your request' });
    expect(await ids(sandbox, 'c')).toEqual(['small']);
    const resent = await callSandbox(sandbox, 'POST', '/events', { body: { c: [{ id: 'big-0' }] } });
    expect(resent.json()).toEqual({ c: [{ success: true }] });
    await killHard(sandbox);
    const restarted = await start();
    expect(await ids(restarted, 'c')).toEqual(['small', 'big-0']);
  });

  it('stops cleanly on SIGTERM and starts again with the same data', async () => {
    let sandbox = await start();
    await push(sandbox, { c: [{ id: 'x' }] });
    await sandbox.stop();
    expect(sandbox.child.exitCode).toBe(0);
    sandbox = await start();
    expect(await ids(sandbox, 'c')).toEqual(['x']);
  });
});
