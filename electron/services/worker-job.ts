// One job in a worker thread, for work too long for main's event loop (import parsing, send preparation):
// its answer, or a CallFailure when the worker fails, exits or is cancelled, settled exactly once.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CallFailure } from '../contract/handlers';

/** The bundled worker script when it exists (it does not when running from sources): undefined → in-process. */
export function bundledWorker(script: string | URL | undefined): string | undefined {
  if (script === undefined) return undefined;
  const path = typeof script === 'string' ? script : fileURLToPath(script);
  return existsSync(path) ? path : undefined;
}

/** How a failure reads: "<failed>: <error>" or "<failed> (<stopped> with code N)." */
export interface WorkerFailureText {
  readonly failed: string;
  readonly stopped: string;
}

export interface WorkerJob<A> {
  readonly worker: Worker;
  readonly answer: Promise<A>;
  /** Settles the answer as cancelled with this message; terminating the worker is the caller's choice. */
  readonly cancel: (message: string) => void;
}

/** Starts the worker on `workerData`; `onSettled` runs once, however the job ends. */
export function startWorkerJob<A>(
  file: string,
  workerData: unknown,
  text: WorkerFailureText,
  onSettled: () => void,
): WorkerJob<A> {
  const worker = new Worker(file, { workerData });
  let settled = false;
  let cancel: (message: string) => void = () => undefined;
  const answer = new Promise<A>((resolve, reject) => {
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      onSettled();
      finish();
    };
    cancel = (message) => settle(() => reject(new CallFailure('cancelled', message)));
    worker.once('message', (value: A) => settle(() => resolve(value)));
    worker.once('error', (error) =>
      settle(() => reject(new CallFailure('failed', `${text.failed}: ${error.message}`))),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new CallFailure('failed', `${text.failed} (${text.stopped} with code ${code}).`))),
    );
  });
  return { worker, answer, cancel: (message) => cancel(message) };
}
