// Runs `import:preview` and `import:apply` in a worker thread, one per call, so parsing a large file
// never blocks main's event loop. A newer preview stops the one it replaces. Without a worker script
// (TypeScript sources under test, the CLI) the same work runs in-process.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ImportOptions, ImportPreview, ImportResult } from '../../contract/channels';
import { bundledWorker, startWorkerJob } from '../worker-job';
import { answerFailure, answerJob, type ImportAnswer, type ImportJob } from './import-job';
import type { ImportPreviewInput } from './import-work';

export interface ImportRunner {
  preview(input: ImportPreviewInput): Promise<ImportPreview>;
  apply(input: ImportOptions): Promise<ImportResult>;
  /** Whether the work runs in a worker thread (false: in-process). */
  readonly threaded: boolean;
  /** Stops every running job (their calls fail as cancelled). */
  close(): Promise<void>;
}

export interface ImportRunnerOptions {
  /** The bundled worker (`import-worker.mjs` / `.cjs` next to the running bundle); missing → in-process. */
  readonly script?: string | URL;
  /** Ids for events without one, in-process only (the worker uses random UUIDs). */
  readonly newId?: () => string;
}

interface Running {
  readonly worker: Worker;
  readonly cancel: (message: string) => void;
}

const IMPORT_FAILED = { failed: 'The file could not be read', stopped: 'the import stopped' };

export function createImportRunner(options: ImportRunnerOptions = {}): ImportRunner {
  const script = bundledWorker(options.script);
  const running = new Set<Running>();
  let latestPreview: Running | undefined;

  const inProcess = async (job: ImportJob): Promise<ImportAnswer> => answerJob(job, options.newId ?? randomUUID);

  const threaded = (job: ImportJob, file: string, onStart: (run: Running) => void): Promise<ImportAnswer> => {
    const run = startWorkerJob<ImportAnswer>(file, job, IMPORT_FAILED, () => running.delete(run));
    running.add(run);
    onStart(run);
    return run.answer;
  };

  const run = async (job: ImportJob, onStart: (run: Running) => void = () => undefined) => {
    const answer = script ? await threaded(job, script, onStart) : await inProcess(job);
    if (!answer.ok) throw answerFailure(answer);
    return answer.value;
  };

  return {
    threaded: script !== undefined,
    async preview(input) {
      const value = await run({ kind: 'preview', options: input }, (started) => {
        const replaced = latestPreview;
        latestPreview = started;
        if (replaced) {
          replaced.cancel('A newer preview of the import replaced this one.');
          void replaced.worker.terminate();
        }
      });
      return value as ImportPreview;
    },
    async apply(input) {
      return (await run({ kind: 'apply', options: input })) as ImportResult;
    },
    async close() {
      const all = [...running];
      for (const job of all) job.cancel('The app is closing: the import was stopped.');
      await Promise.all(all.map((job) => job.worker.terminate()));
    },
  };
}
