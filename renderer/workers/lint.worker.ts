// The lint worker: runs core's linter (with the collection schemas) off the UI thread, so typing never waits for it.
import { lintBatch } from '../../core/rules/lint';
import type { EventSchemaCheck } from '../../core/rules/diagnostic';
import { compileSchemaSet } from '../../core/schemas/compile-schema';
import type { LintRequest, LintResponse } from './lint-protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LintRequest>) => void) | null;
  postMessage(m: LintResponse): void;
};

let schemas: Readonly<Record<string, EventSchemaCheck>> = {};

scope.onmessage = (e) => {
  const request = e.data;
  if (request.kind === 'schemas') {
    // A broken schema is listed by main with its reason; here it is simply not checked.
    schemas = compileSchemaSet(request.schemas).checks;
    return;
  }
  const started = performance.now();
  const { diagnostics, summary } = lintBatch(request.text, { schemas });
  scope.postMessage({ seq: request.seq, diagnostics, summary, ms: performance.now() - started });
};
