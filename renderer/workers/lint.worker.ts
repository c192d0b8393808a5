// The lint worker: runs core's linter (with the collection schemas) off the UI thread, so typing never waits for it.
import { lintBatch } from '../../core/rules/lint';
import type { EventSchemaCheck } from '../../core/rules/diagnostic';
import { compileSchemaSet } from '../../core/schemas/compile-schema';
import { DIAGNOSTICS_PER_PART, type LintPart, type LintRequest } from './lint-protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LintRequest>) => void) | null;
  postMessage(m: LintPart): void;
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
  const { seq } = request;
  const { diagnostics, summary } = lintBatch(request.text, { schemas });
  const ms = performance.now() - started;
  let at = 0;
  for (; at + DIAGNOSTICS_PER_PART < diagnostics.length; at += DIAGNOSTICS_PER_PART) {
    scope.postMessage({ seq, diagnostics: diagnostics.slice(at, at + DIAGNOSTICS_PER_PART), last: false });
  }
  scope.postMessage({ seq, diagnostics: diagnostics.slice(at), summary, ms, last: true });
};
