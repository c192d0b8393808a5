// The lint worker: runs core's linter off the UI thread, so typing never waits for it.
import { lintBatch } from '../../core/rules/lint';
import type { LintRequest, LintResponse } from './lint-protocol';

const scope = self as unknown as { onmessage: ((e: MessageEvent<LintRequest>) => void) | null; postMessage(m: LintResponse): void };

scope.onmessage = (e) => {
  const started = performance.now();
  const { diagnostics, summary } = lintBatch(e.data.text);
  scope.postMessage({ seq: e.data.seq, diagnostics, summary, ms: performance.now() - started });
};
