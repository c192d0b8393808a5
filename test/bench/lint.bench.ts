// Lint speed in one run, medians of CPU time: lint / JSON.parse at 5,000 events clean (target ≤ 3×) and with 10% of
// events broken (≤ 4×); lint with schemas / without at 1,000 violations (≤ 2×); deep nesting (1,000,000
// levels: seconds; 40,000: under 1 s); and the memory of a 100,000-event lint.
import { parseBatch } from '../../core/batch/parse';
import { lintBatch } from '../../core/rules/lint';
import { purchaseEvent } from './purchase-event';
import { cpuTime, measureSchemaLint, median, violatingText } from './schema-lint-case';

/** Every tenth event broken in the ways people break them: a reserved name, a dotted name, a bad timestamp. */
const broken = (i: number) => {
  const e: Record<string, unknown> = purchaseEvent(i);
  if (i % 30 === 0) return { ...e, tp_source: 'x' };
  if (i % 30 === 10) return { ...e, customer: { 'first.name': 'Ada' } };
  return { ...e, timestamp: '2024-05-01 12:00' };
};

const batchText = (count: number, errors = false): string =>
  JSON.stringify(
    { purchases: Array.from({ length: count }, (_, i) => (errors && i % 10 === 0 ? broken(i) : purchaseEvent(i))) },
    null,
    2,
  );

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number): string => `${value.toFixed(1)} ms`;

// The editor lints again on every pause in typing: measure warm code, as the worker runs it.
for (let i = 0; i < 5; i++) {
  lintBatch(batchText(1_000));
  lintBatch(batchText(1_000, true));
}

// lint / JSON.parse, measured alternately in one run.
for (const [label, text, target, runs] of [
  ['5,000 events, clean', batchText(5_000), 3, 21],
  ['5,000 events, 10% with errors', batchText(5_000, true), 4, 21],
  ['100,000 events, clean', batchText(100_000), 3, 5],
] as const) {
  // Warm on this very text too (its size and shapes), as the schema measure is: a median of warm runs.
  for (let i = 0; i < (runs > 5 ? 10 : 2); i++) {
    JSON.parse(text);
    parseBatch(text);
    lintBatch(text);
  }
  const parse: number[] = [];
  const scan: number[] = [];
  const lint: number[] = [];
  for (let run = 0; run < runs; run++) {
    parse.push(cpuTime(() => JSON.parse(text)));
    scan.push(cpuTime(() => parseBatch(text)));
    lint.push(cpuTime(() => lintBatch(text)));
  }
  const base = median(parse);
  const diagnostics = lintBatch(text).diagnostics.length;
  console.log(
    `${label} (${(text.length / 1024 / 1024).toFixed(1)} MB, ${diagnostics.toLocaleString('en-US')} diagnostics), median of ${runs}: ` +
      `JSON.parse ${ms(base)}, parseBatch ${ms(median(scan))} (${(median(scan) / base).toFixed(2)}×), ` +
      `lintBatch ${ms(median(lint))} (${(median(lint) / base).toFixed(2)}×, target ≤ ${target}×)`,
  );
}

// lint with schemas / without at 1,000 violations, measured as schema-lint.bench measures it.
{
  const { without, withSchemas, ratio, violations } = measureSchemaLint(violatingText, 21);
  console.log(
    `5,000 events, ${violations.toLocaleString('en-US')} schema violations, median of 21: lint ${ms(without)}, ` +
      `with schemas ${ms(withSchemas)} (${ratio.toFixed(2)}×, target ≤ 2×)`,
  );
}

// Memory: one lint of 100,000 events, with an info on every event (no id) to count diagnostics too.
{
  const text = JSON.stringify(
    {
      purchases: Array.from({ length: 100_000 }, (_, i) => ({ ...purchaseEvent(i), id: undefined, tags: ['a', 'b'] })),
    },
    null,
    2,
  );
  gc();
  const before = process.memoryUsage();
  const result = lintBatch(text);
  gc();
  const after = process.memoryUsage();
  // maxRSS is the process's peak so far (KiB): the texts above were smaller, so it is this lint's peak.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `100,000 events without ids, ${(text.length / 1024 / 1024).toFixed(1)} MB, ${result.diagnostics.length.toLocaleString('en-US')} diagnostics: ` +
      `heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} held by the result (+${mb(after.heapUsed - before.heapUsed)}), peak RSS of the process ${mb(peakRss)}`,
  );
}

// Deep nesting (issue 8 §3): one event whose value nests objects, with a finding at the bottom to place.
for (const [depth, target] of [
  [40_000, 'under 1 s'],
  [1_000_000, 'seconds'],
] as const) {
  const text = `{"deep": [{"id": 1, "v": ${'{"a": '.repeat(depth)}{"b.c": 1}${'}'.repeat(depth)}}]}`;
  let codes = '';
  const wallStart = performance.now();
  const took = cpuTime(() => {
    codes = lintBatch(text)
      .diagnostics.map((d) => d.code)
      .join(', ');
  });
  const wall = performance.now() - wallStart;
  console.log(
    `${depth.toLocaleString('en-US')} nested objects (${(text.length / 1024 / 1024).toFixed(1)} MB): lint ${ms(took)} CPU, ${ms(wall)} wall (target ${target}), found ${codes}`,
  );
}
