// One job off main's event loop, for work too long for it (import parsing, send preparation), in a worker
// thread or in a process of its own: its answer, or a CallFailure when the job fails, exits or is cancelled,
// settled exactly once.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
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

/** An answer settled once, by whichever comes first: the answer, a failure or a cancel. */
function settledOnce<A>(onSettled: () => void) {
  let settled = false;
  let resolve: (value: A) => void = () => undefined;
  let reject: (error: CallFailure) => void = () => undefined;
  const answer = new Promise<A>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const settle = (finish: () => void) => {
    if (settled) return;
    settled = true;
    onSettled();
    finish();
  };
  return {
    answer,
    answered: (value: A) => settle(() => resolve(value)),
    failed: (message: string) => settle(() => reject(new CallFailure('failed', message))),
    cancel: (message: string) => settle(() => reject(new CallFailure('cancelled', message))),
  };
}

/** Starts the worker on `workerData`; `onSettled` runs once, however the job ends. */
export function startWorkerJob<A>(
  file: string,
  workerData: unknown,
  text: WorkerFailureText,
  onSettled: () => void,
): WorkerJob<A> {
  const worker = new Worker(file, { workerData });
  const job = settledOnce<A>(onSettled);
  worker.once('message', job.answered);
  worker.once('error', (error) => job.failed(`${text.failed}: ${error.message}`));
  worker.once('exit', (code) => job.failed(`${text.failed} (${text.stopped} with code ${code}).`));
  return { worker, answer: job.answer, cancel: job.cancel };
}

/** Reads a job's answer from its process's stdout, chunk by chunk. */
export interface AnswerReading<A> {
  /** True once the answer is complete. */
  push(chunk: Buffer): boolean;
  answer(): A | undefined;
}

export interface ProcessJob<A> {
  readonly answer: Promise<A>;
  /** Settles the answer as cancelled with this message and kills the process. */
  readonly stop: (message: string) => void;
  /** Settles once the process is gone (at once when it is already). */
  readonly ended: () => Promise<unknown>;
}

export interface ProcessJobOptions {
  /** Node flags for the process, before the script. */
  readonly nodeFlags?: readonly string[];
  /** Its nice value: main's own work goes first when both want a core. */
  readonly nice?: number;
}

/**
 * Runs `file` under this Node as a process of its own: `input` goes to its stdin, its stdout is read by
 * `reader` until the answer is complete. Its stderr is not read. `onSettled` runs once, however it ends.
 */
export function startProcessJob<A>(
  file: string,
  input: readonly Buffer[],
  reader: AnswerReading<A>,
  text: WorkerFailureText,
  options: ProcessJobOptions,
  onSettled: () => void,
): ProcessJob<A> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), file], {
    stdio: ['pipe', 'pipe', 'ignore'],
    windowsHide: true,
  });
  try {
    if (child.pid !== undefined && options.nice !== undefined) setPriority(child.pid, options.nice);
  } catch {
    // A priority is a courtesy: without one the job competes with main as an equal.
  }
  const job = settledOnce<A>(onSettled);
  child.stdout.on('data', (chunk: Buffer) => {
    try {
      if (!reader.push(chunk)) return;
      const got = reader.answer();
      if (got !== undefined) job.answered(got);
    } catch (error) {
      job.failed(`${text.failed}: ${error instanceof Error ? error.message : String(error)}`);
      child.kill('SIGKILL');
    }
  });
  child.once('error', (error) => job.failed(`${text.failed}: ${error.message}`));
  child.once('close', (code, signal) =>
    job.failed(`${text.failed} (${text.stopped} with ${code === null ? `signal ${signal}` : `code ${code}`}).`),
  );
  // A process that stops early leaves its input unread: the broken pipe is said by its exit, not here.
  child.stdin.on('error', () => undefined);
  for (const part of input) child.stdin.write(part);
  child.stdin.end();
  return {
    answer: job.answer,
    stop: (message) => {
      job.cancel(message);
      child.kill('SIGKILL');
    },
    ended: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
        else child.once('exit', resolve);
      }),
  };
}
