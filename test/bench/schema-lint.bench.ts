// Lint of a 5,000-event batch with collection schemas, as a ratio to the same lint without (target ≤ 2×):
// all events valid (the common case), and with two violations in every tenth event (1,000 in all, the
// issue's measure, which lint.bench prints too, through the same set-up).
import { measureSchemaLint, validText, violatingText } from './schema-lint-case';

const RUNS = 21;
for (const [label, text] of [
  ['all valid', validText],
  ['every tenth event violating', violatingText],
] as const) {
  const { without, withSchemas, ratio, violations } = measureSchemaLint(text, RUNS);
  console.log(
    `5,000 events (${(text.length / 1024 / 1024).toFixed(1)} MB), ${label}: median of ${RUNS}, CPU: lint ${without.toFixed(1)} ms, ` +
      `lint with schemas ${withSchemas.toFixed(1)} ms (${ratio.toFixed(2)}×, target ≤ 2×), ${violations} schema diagnostics`,
  );
}
