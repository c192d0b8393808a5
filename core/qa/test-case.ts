// The QA test-case file: a batch, the outcome expected for each of its events, and optionally a target
// profile and a setup step. Read with zod; every mistake is reported with where it is and what to write.
import { pathText } from '../json/path';
import { z } from 'zod';

/** What an event may be expected to come to; `any` leaves an event unchecked. */
export const EXPECTED_OUTCOMES = [
  'accepted',
  'duplicate',
  'rejected',
  'not-sent',
  'unknown',
  'imported',
  'any',
] as const;

const outcomeWord = z.enum(EXPECTED_OUTCOMES, {
  error: (issue) =>
    `must be one of ${EXPECTED_OUTCOMES.map((o) => `"${o}"`).join(', ')}, not ${JSON.stringify(issue.input)}`,
});

/** `"accepted"` or `{"outcome": "rejected", "message": "must be a number"}` (a substring, or `/regex/flags`). */
const expectationSchema = z.union(
  [
    outcomeWord,
    z.strictObject({
      outcome: outcomeWord,
      message: z.string().min(1, 'message cannot be empty: leave it out to accept any message').optional(),
    }),
  ],
  {
    error:
      'must be an outcome word ("accepted", "duplicate", "rejected", …) or {"outcome": "rejected", "message": "…"}',
  },
);

const batchSchema = z.record(z.string(), z.array(z.unknown(), { error: 'must be an array of events' }), {
  error: 'must be an object of collections to arrays of events',
});

export const testCaseSchema = z
  .strictObject({
    name: z.string({ error: 'is required: a short name for the report' }).min(1, 'cannot be empty'),
    description: z.string().optional(),
    /** A profile of the app's profile store; without it, a fresh local sandbox. */
    profile: z.string().min(1, 'cannot be empty: leave it out to use a fresh sandbox').optional(),
    setup: z
      .strictObject({
        /** Empty the sandbox first (only for sandbox targets). */
        reset: z.boolean().optional(),
        /** Events pushed before the batch, e.g. the first copies of duplicates; their outcomes are not checked. */
        push: batchSchema.optional(),
      })
      .optional(),
    batch: batchSchema,
    expect: z.record(
      z.string(),
      z.array(expectationSchema, { error: 'must be an array with one expectation per event' }),
      {
        error: 'is required: an object of collections to arrays of expected outcomes',
      },
    ),
  })
  .superRefine((testCase, context) => {
    for (const [collection, events] of Object.entries(testCase.batch)) {
      const expected = testCase.expect[collection];
      if (expected === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['expect', collection],
          message: `is missing: list an outcome for each of the ${events.length} event(s) of batch.${collection} ("any" to skip one)`,
        });
      } else if (expected.length !== events.length) {
        context.addIssue({
          code: 'custom',
          path: ['expect', collection],
          message: `lists ${expected.length} outcome(s) but batch.${collection} has ${events.length} event(s): give one per event, in order`,
        });
      }
    }
    for (const collection of Object.keys(testCase.expect)) {
      if (!(collection in testCase.batch))
        context.addIssue({
          code: 'custom',
          path: ['expect', collection],
          message: 'names a collection the batch does not have',
        });
    }
    for (const [collection, expected] of Object.entries(testCase.expect)) {
      expected.forEach((expectation, index) => {
        if (
          typeof expectation === 'object' &&
          expectation.message !== undefined &&
          messagePattern(expectation.message) === undefined
        ) {
          context.addIssue({
            code: 'custom',
            path: ['expect', collection, index, 'message'],
            message: 'looks like /regex/ but is not a valid regular expression',
          });
        }
      });
    }
  });

export type TestCase = z.output<typeof testCaseSchema>;
export type Expectation = TestCase['expect'][string][number];

/** A message pattern: `/…/flags` is a regular expression, anything else a substring. Undefined when the regex is invalid. */
export function messagePattern(pattern: string): ((message: string) => boolean) | undefined {
  const regex = /^\/(.+)\/([dgimsuvy]*)$/s.exec(pattern);
  if (!regex) return (message) => message.includes(pattern);
  try {
    const compiled = new RegExp(regex[1] as string, (regex[2] as string).replace(/g|y/g, ''));
    return (message) => compiled.test(message);
  } catch {
    return undefined;
  }
}

const issuePath = (path: readonly PropertyKey[]): string =>
  pathText(path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)));

export type ParsedTestCase =
  { readonly ok: true; readonly testCase: TestCase } | { readonly ok: false; readonly errors: readonly string[] };

/** Reads a test-case file's text; errors read like "expect.purchases[2]: must be one of …". */
export function parseTestCase(text: string): ParsedTestCase {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = testCaseSchema.safeParse(value);
  if (parsed.success) return { ok: true, testCase: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const where = issuePath(issue.path);
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: see the test-case format in the README)`
        : issue.message;
    return where ? `${where}: ${message}` : message;
  });
  return { ok: false, errors };
}
