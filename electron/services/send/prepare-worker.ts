// The prepare worker's entry (bundled to dist/node/prepare-worker.mjs and dist/electron/prepare-worker.cjs):
// checks a batch before an app send off main's thread, so linting 1,000,000 events never stalls IPC or the window.
// Started as a worker thread it takes its job as workerData; started as a process of its own (see
// prepare-wire.ts) it reads its job from stdin and writes the answer to stdout.
import { parentPort, workerData } from 'node:worker_threads';
import { lintBatch } from '../../../core/rules/lint';
import { prepareJob, transferablesOf, type PrepareAnswer, type PrepareJob } from './prepare-job';
import { answerMessage, JobReader } from './prepare-wire';

const failed = (error: unknown): PrepareAnswer => ({
  ok: false,
  code: 'failed',
  message: `The batch could not be checked: ${error instanceof Error ? error.message : String(error)}`,
});

const answered = (job: PrepareJob): Promise<PrepareAnswer> => prepareJob(job, lintBatch).catch(failed);

function asProcess(): void {
  const reader = new JobReader();
  let started = false;
  process.stdin.on('data', (chunk: Buffer) => {
    if (started || !reader.push(chunk)) return;
    started = true;
    const job = reader.job();
    if (!job) return;
    void answered(job).then((answer) => {
      // Pipes are written synchronously on Linux and macOS: the process exits once its answer is out.
      for (const part of answerMessage(answer)) process.stdout.write(part);
      process.stdin.destroy();
    });
  });
}

// No top-level await: the Electron build of this entry is CommonJS.
if (parentPort)
  void answered(workerData as PrepareJob).then((answer) => parentPort?.postMessage(answer, transferablesOf(answer)));
else asProcess();
