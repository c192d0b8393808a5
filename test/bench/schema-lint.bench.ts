// Lint of a 5,000-event batch with collection schemas, as a ratio to the same lint without (target ≤ 2×):
// all events valid (the common case), and with one violation in every tenth event.
import { lintBatch } from '../../core/rules/lint';
import { compileSchemaSet } from '../../core/schemas/compile-schema';
import { inferSchema } from '../../core/schemas/infer-schema';
import { purchaseEvent } from './purchase-event';

const events = Array.from({ length: 5_000 }, (_, i) => purchaseEvent(i));
const validText = JSON.stringify({ purchases: events }, null, 2);
const someInvalidText = JSON.stringify(
  {
    purchases: events.map((e, i) =>
      i % 10 === 0 ? { ...e, purchasePrice: String(e.purchasePrice), channel: 'phone' } : e,
    ),
  },
  null,
  2,
);

// A tracking plan as a person would start it: inferred from the events (types, required, enums, formats).
const schema = inferSchema(events, { title: 'purchases' });
const { checks, problems } = compileSchemaSet({ purchases: schema });
if (problems.length > 0) throw new Error(`schema did not compile: ${problems[0]?.reason}`);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const time = (work: () => unknown): number => {
  gc();
  const start = performance.now();
  work();
  return performance.now() - start;
};

// Warm, as the editor's worker is after the first few lints.
for (let i = 0; i < 5; i++) {
  lintBatch(validText);
  lintBatch(validText, { schemas: checks });
  lintBatch(someInvalidText, { schemas: checks });
}

const RUNS = 21;
for (const [label, text] of [
  ['all valid', validText],
  ['every tenth event violating', someInvalidText],
] as const) {
  const without: number[] = [];
  const withSchemas: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    without.push(time(() => lintBatch(text)));
    withSchemas.push(time(() => lintBatch(text, { schemas: checks })));
  }
  const base = median(without);
  const checked = median(withSchemas);
  const found = lintBatch(text, { schemas: checks }).diagnostics.filter((d) => d.code === 'schema-violation').length;
  console.log(
    `5,000 events (${(text.length / 1024 / 1024).toFixed(1)} MB), ${label}: median of ${RUNS}: lint ${base.toFixed(1)} ms, ` +
      `lint with schemas ${checked.toFixed(1)} ms (${(checked / base).toFixed(2)}×, target ≤ 2×), ${found} schema diagnostics`,
  );
}
