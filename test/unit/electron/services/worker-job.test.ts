// A job in a real worker thread: its answer, or a CallFailure that says what failed, settled once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledWorker, startWorkerJob } from '../../../../electron/services/worker-job';

const dir = mkdtempSync(join(tmpdir(), 'bs-worker-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = (name: string, body: string): string => {
  const file = join(dir, name);
  writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\n${body}\n`);
  return file;
};
const words = { failed: 'The thing could not be done', stopped: 'the job stopped' };

describe('worker job', () => {
  it('answers what the worker posts, and settles once', async () => {
    let settled = 0;
    const job = startWorkerJob<number>(
      script('double.mjs', 'parentPort.postMessage(workerData * 2);'),
      21,
      words,
      () => settled++,
    );
    await expect(job.answer).resolves.toBe(42);
    job.cancel('too late');
    expect(settled).toBe(1);
  });

  it('fails with the error, or with the exit code, in the caller’s words', async () => {
    const thrown = startWorkerJob(script('throw.mjs', "throw new Error('disk gone');"), 0, words, () => undefined);
    await expect(thrown.answer).rejects.toMatchObject({
      code: 'failed',
      message: 'The thing could not be done: disk gone',
    });
    const exited = startWorkerJob(script('exit.mjs', 'process.exit(3);'), 0, words, () => undefined);
    await expect(exited.answer).rejects.toMatchObject({
      code: 'failed',
      message: 'The thing could not be done (the job stopped with code 3).',
    });
  });

  it('is cancelled with the message given', async () => {
    const job = startWorkerJob(script('wait.mjs', 'setInterval(() => {}, 1000);'), 0, words, () => undefined);
    job.cancel('A newer one replaced this.');
    await expect(job.answer).rejects.toMatchObject({ code: 'cancelled', message: 'A newer one replaced this.' });
    await job.worker.terminate();
  });

  it('finds the bundled script only when it exists', () => {
    expect(bundledWorker(undefined)).toBeUndefined();
    expect(bundledWorker(join(dir, 'missing.mjs'))).toBeUndefined();
    const file = script('here.mjs', '');
    expect(bundledWorker(new URL(`file://${file}`))).toBe(file);
  });
});
