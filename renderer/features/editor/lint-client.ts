// Feeds the lint worker: debounced while the user types, at most one lint in flight (a newer text
// waits for the worker rather than queueing stale work), and an immediate lint for Send.
import LintWorker from '../../workers/lint.worker?worker';
import type { Diagnostic } from '../../../core/rules/diagnostic';
import type { LintPart, LintRequest, LintResponse } from '../../workers/lint-protocol';

export const LINT_DEBOUNCE_MS = 250;

export interface LintClient {
  /** Lint `read()` after the user pauses; `read` is called only when the lint actually starts. */
  schedule(read: () => string): void;
  /** Lint this text now and resolve with its result (also delivered to the listener). */
  lintNow(text: string): Promise<LintResponse>;
  /** The collection schemas every later lint checks events against. */
  setSchemas(schemas: Readonly<Record<string, unknown>>): void;
  dispose(): void;
}

export function createLintClient(onResult: (result: LintResponse) => void): LintClient {
  const worker = new LintWorker();
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let queued: (() => string) | undefined;
  const waiters = new Map<number, (result: LintResponse) => void>();

  const start = (text: string): number => {
    seq += 1;
    inFlight = true;
    worker.postMessage({ kind: 'lint', seq, text } satisfies LintRequest);
    return seq;
  };

  // The parts of the lint in flight so far (one lint at a time, so parts never interleave).
  let parts: (readonly Diagnostic[])[] = [];

  worker.onmessage = (e: MessageEvent<LintPart>) => {
    const part = e.data;
    parts.push(part.diagnostics);
    if (!part.last) return;
    const diagnostics = parts.length === 1 ? part.diagnostics : parts.flat();
    parts = [];
    const result: LintResponse = { seq: part.seq, diagnostics, summary: part.summary, ms: part.ms };
    inFlight = false;
    const waiter = waiters.get(result.seq);
    waiters.delete(result.seq);
    // A newer text is on its way: showing this older result would only flicker.
    if (result.seq === seq || waiter) onResult(result);
    waiter?.(result);
    if (queued) {
      const read = queued;
      queued = undefined;
      start(read());
    }
  };

  return {
    schedule(read) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        if (inFlight) queued = read;
        else start(read());
      }, LINT_DEBOUNCE_MS);
    },
    lintNow(text) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      queued = undefined;
      return new Promise((resolve) => waiters.set(start(text), resolve));
    },
    setSchemas(schemas) {
      worker.postMessage({ kind: 'schemas', schemas } satisfies LintRequest);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      worker.terminate();
    },
  };
}
