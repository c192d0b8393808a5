// The schema-lint measure both lint benches print, set up and timed one way: 5,000 purchase events, every tenth
// with two violations (1,000 in all), against a schema inferred from the clean events; CPU-time medians, warm.
import { lintBatch } from '../../core/rules/lint';
import { compileSchemaSet, type EventSchemaValidator } from '../../core/schemas/compile-schema';
import { inferSchema } from '../../core/schemas/infer-schema';
import { purchaseEvent } from './purchase-event';

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * CPU time of one call (this process, all threads: the collector's helpers count), after a collection so
 * none pays for the garbage of the one before. CPU time, not wall time: on a shared machine the wall
 * clock mostly measures the other processes.
 */
export const cpuTime = (work: () => unknown): number => {
  gc();
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

const events = Array.from({ length: 5_000 }, (_, i) => purchaseEvent(i));

/** The batch with every event valid. */
export const validText = JSON.stringify({ purchases: events }, null, 2);

/** Every tenth event with two violations (a string price, an unknown channel): 1,000 violations. */
export const violatingText = JSON.stringify(
  {
    purchases: events.map((e, i) =>
      i % 10 === 0 ? { ...e, purchasePrice: String(e.purchasePrice), channel: 'phone' } : e,
    ),
  },
  null,
  2,
);

/** A tracking plan as a person would start it: inferred from the events (types, required, enums, formats). */
function compiledChecks(): Readonly<Record<string, EventSchemaValidator>> {
  const { checks, problems } = compileSchemaSet({ purchases: inferSchema(events, { title: 'purchases' }) });
  if (problems.length > 0) throw new Error(`schema did not compile: ${problems[0]?.reason}`);
  return checks;
}

export const checks = compiledChecks();

export interface SchemaLintMeasure {
  /** Median CPU ms of the lint without schemas, and with them. */
  readonly without: number;
  readonly withSchemas: number;
  readonly ratio: number;
  readonly violations: number;
}

/**
 * Lint with schemas / without on one text: warmed as the editor's worker is after a few lints, then the two
 * measured alternately (so a change of load hits both), the ratio of their medians.
 */
export function measureSchemaLint(text: string, runs = 21): SchemaLintMeasure {
  for (let i = 0; i < 10; i++) {
    lintBatch(text);
    lintBatch(text, { schemas: checks });
  }
  const without: number[] = [];
  const withSchemas: number[] = [];
  for (let run = 0; run < runs; run++) {
    without.push(cpuTime(() => lintBatch(text)));
    withSchemas.push(cpuTime(() => lintBatch(text, { schemas: checks })));
  }
  const violations = lintBatch(text, { schemas: checks }).diagnostics.filter(
    (d) => d.code === 'schema-violation',
  ).length;
  return {
    without: median(without),
    withSchemas: median(withSchemas),
    ratio: median(withSchemas) / median(without),
    violations,
  };
}
