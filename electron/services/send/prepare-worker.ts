// The prepare worker's entry (bundled to dist/node/prepare-worker.mjs and dist/electron/prepare-worker.cjs):
// checks a batch before an app send off main's thread, so linting 1,000,000 events never stalls IPC or the window.
import { parentPort, workerData } from 'node:worker_threads';
import { lintBatch } from '../../../core/rules/lint';
import { prepareJob, transferablesOf, type PrepareAnswer, type PrepareJob } from './prepare-job';

const failed = (error: unknown): PrepareAnswer => ({
  ok: false,
  code: 'failed',
  message: `The batch could not be checked: ${error instanceof Error ? error.message : String(error)}`,
});

// No top-level await: the Electron build of this entry is CommonJS.
void prepareJob(workerData as PrepareJob, lintBatch)
  .catch(failed)
  .then((answer) => parentPort?.postMessage(answer, transferablesOf(answer)));
