// startSandbox embedded in-process, as the app and the browser host use it: its handle, its limits,
// concurrency, and no process-wide side effects.
import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../../../electron/sandbox/server';

const running: RunningSandbox[] = [];
const start = async (options: Parameters<typeof startSandbox>[0] = {}) => {
  const sandbox = await startSandbox(options);
  running.push(sandbox);
  return sandbox;
};
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

const push = (sandbox: RunningSandbox, body: string, path = '/events') =>
  fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { 'x-project-id': sandbox.projectId, 'x-api-key': sandbox.keys.push },
    body,
  });

/** A chunked upload (no Content-Length), so the cap must be enforced while reading. */
const pushChunked = (sandbox: RunningSandbox, chunks: string[]) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${sandbox.url}/events`,
      {
        method: 'POST',
        headers: { 'x-project-id': sandbox.projectId, 'x-api-key': sandbox.keys.push, 'transfer-encoding': 'chunked' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });

describe('startSandbox', () => {
  it('listens on loopback with generated, distinct keys, and counts, resets and closes', async () => {
    const sandbox = await start();
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([sandbox.projectId, ...Object.values(sandbox.keys)]).size).toBe(5);
    expect(sandbox.eventCount()).toBe(0);
    expect(await (await push(sandbox, '{"a": [{}, {}], "b": [{}]}')).json()).toEqual({
      a: [{ success: true }, { success: true }],
      b: [{ success: true }],
    });
    expect(sandbox.eventCount()).toBe(3);
    await sandbox.reset();
    expect(sandbox.eventCount()).toBe(0);
    await sandbox.close();
    await expect(fetch(`${sandbox.url}/sandbox/health`)).rejects.toThrow();
  });

  it('adds no process-wide handlers, and two sandboxes in one process are independent', async () => {
    const events = ['SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection', 'exit'] as const;
    const before = events.map((name) => process.listenerCount(name));
    const one = await start({ projectId: 'one', keys: { push: 'same' } });
    const two = await start({ projectId: 'two', keys: { push: 'same' } });
    expect(events.map((name) => process.listenerCount(name))).toEqual(before);
    await push(one, '{"c": [{"id": "x"}]}');
    expect(await (await push(two, '{"c": [{"id": "x"}]}')).json()).toEqual({ c: [{ success: true }] });
    expect([one.eventCount(), two.eventCount()]).toEqual([1, 1]);
  });

  it('answers 413 with an errorMessage for a body over maxBodyBytes, declared or chunked', async () => {
    const sandbox = await start({ maxBodyBytes: 1000 });
    const declared = await push(sandbox, `{"c": [{"p": "${'x'.repeat(2000)}"}]}`);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      errorMessage: 'The request body is larger than the sandbox accepts (1000 bytes).',
    });
    const chunked = await pushChunked(sandbox, [
      '{"c": [',
      ...Array.from({ length: 20 }, () => `{"p": "${'x'.repeat(100)}"},`),
      '{}]}',
    ]);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.text)).toHaveProperty('errorMessage');
    expect(sandbox.eventCount()).toBe(0);
    expect((await push(sandbox, '{"c": [{}]}')).status).toBe(200);
  });

  it('concurrent pushes of one id store it once', async () => {
    const sandbox = await start();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => push(sandbox, '{"c": [{"id": "only"}]}').then((r) => r.json())),
    );
    expect(answers.filter((a) => JSON.stringify(a) === '{"c":[{"success":true}]}')).toHaveLength(1);
    expect(sandbox.eventCount()).toBe(1);
  });

  it('bulk import without an S3 endpoint accepts the job and fails it with a clear error', async () => {
    const sandbox = await start();
    const body = JSON.stringify({
      collection: 'c',
      s3Path: 's3://b/k.ndjson',
      s3AccessKeyId: 'a',
      s3SecretAccessKey: 's',
    });
    const created = await push(sandbox, body, '/event-import');
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(created.headers.get('location')).toBe(`/event-import/${id}`);
    let status: { status: string; error: string | null } = { status: 'Pending', error: null };
    while (status.status === 'Pending' || status.status === 'Running') {
      const answer = await fetch(`${sandbox.url}/event-import/${id}`, {
        headers: { 'x-project-id': sandbox.projectId, 'x-api-key': sandbox.keys.push },
      });
      status = (await answer.json()) as typeof status;
    }
    expect(status.status).toBe('Failed');
    expect(status.error).toMatch(/no S3-compatible endpoint/);
  });

  it('with a dataDir, a second sandbox on the same folder starts with the events of the first', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-embedded-'));
    try {
      const first = await start({ dataDir });
      await push(first, '{"c": [{"id": 1}, {"id": 2}], "d": [{}]}');
      await first.close();
      const second = await start({ dataDir });
      expect(second.eventCount()).toBe(3);
      expect(await (await push(second, '{"c": [{"id": 2}]}')).json()).toMatchObject({ c: [{ duplicate: true }] });
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('fails to start, without leaking, when the port is taken', async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    await expect(startSandbox({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
