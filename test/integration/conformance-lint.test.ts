// Runs the linter on every case of the shared conformance corpus that has a `lint` expectation, and checks
// that the linter's verdict on each event agrees with the API's own rule order (firstViolation).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintBatch } from '../../core/rules/lint';
import { firstViolation, EVENT_RULES } from '../../core/rules/event-rules';
import type { LintResult, RuleCode } from '../../core/rules/diagnostic';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface LintCase {
  name: string;
  steps: { request: { body?: Json; bodyText?: string } }[];
  lint?: { codes: RuleCode[]; info?: RuleCode[] };
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = JSON.parse(readFileSync(join(root, '..', 'shared', 'spec', 'conformance.json'), 'utf8')) as {
  cases: LintCase[];
};

/** `{"$repeat": N, "of": X}` and `{"$text": N}`, expanded everywhere (README of the corpus). */
function expand(value: Json): Json {
  if (Array.isArray(value)) return value.map(expand);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort().join(',');
  if (keys === '$repeat,of')
    return Array.from({ length: value['$repeat'] as number }, () => expand(value['of'] as Json));
  if (keys === '$text') return 'x'.repeat(value['$text'] as number);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
}

const textOf = (request: { body?: Json; bodyText?: string }): string =>
  request.bodyText ?? JSON.stringify(expand(request.body ?? null), null, 2);

const API_CODES = new Set<string>(['event-not-object', ...EVENT_RULES.map((rule) => rule.code)]);

/** Per collection and index: true when the linter reports an API rule (§4) against the event. */
function rejectedByLinter(result: LintResult): Map<string, Set<number>> {
  const rejected = new Map<string, Set<number>>();
  for (const d of result.diagnostics) {
    if (!API_CODES.has(d.code) || d.collection === undefined || d.index === undefined) continue;
    const set = rejected.get(d.collection) ?? new Set<number>();
    set.add(d.index);
    rejected.set(d.collection, set);
  }
  return rejected;
}

const cases = corpus.cases.filter((c) => c.lint !== undefined);

describe('conformance corpus: lint', () => {
  it('has cases with lint expectations', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  for (const c of cases) {
    it(c.name, () => {
      const request = c.steps[0]?.request;
      expect(request).toBeDefined();
      if (!request || !c.lint) return;
      const text = textOf(request);
      const result = lintBatch(text);
      const reported = new Set(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code));
      expect([...reported].sort()).toEqual([...c.lint.codes].sort());
      const infos = new Set(result.diagnostics.filter((d) => d.severity === 'info').map((d) => d.code));
      for (const code of c.lint.info ?? []) expect(infos).toContain(code);

      for (const d of result.diagnostics) {
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.start).toBeLessThanOrEqual(d.end);
        expect(d.message.length).toBeGreaterThan(20);
      }

      // The linter's per-event verdict is the API's: rejected exactly when firstViolation finds a rule.
      if (result.batch) {
        const rejected = rejectedByLinter(result);
        for (const [collection, events] of Object.entries(result.batch)) {
          events.forEach((event, index) => {
            const apiRejects = firstViolation(event) !== undefined;
            expect(rejected.get(collection)?.has(index) ?? false, `${collection}[${index}]`).toBe(apiRejects);
          });
        }
      }
    });
  }
});
