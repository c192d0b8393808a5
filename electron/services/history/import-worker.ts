// The import worker's entry (bundled to dist/node/import-worker.mjs and dist/electron/import-worker.cjs):
// reads one import file off main's thread, so a 100,000-line file never stalls IPC or the window.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { answerJob, type ImportJob } from './import-job';

parentPort?.postMessage(answerJob(workerData as ImportJob, randomUUID));
