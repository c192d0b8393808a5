// Expected vs actual outcomes, event by event: pass or fail with both sides shown; and the other way, a
// test case recorded from a batch and the outcomes it got ("Record expectations").
import { eventId } from '../send/event-id';
import { eventRef } from '../send/event-ref';
import type { EventOutcome, Outcome } from '../send/outcome';
import { messagePattern, type Expectation, type TestCase } from './test-case';

export interface EventCheck {
  readonly collection: string;
  readonly index: number;
  readonly id?: string | number;
  /** As written in the test case, for a person: `rejected matching "must be a number"`. */
  readonly expected: string;
  readonly actual: Outcome;
  readonly actualMessage?: string;
  readonly passed: boolean;
  /** Why it failed, in a sentence. */
  readonly reason?: string;
}

export interface CaseReport {
  readonly name: string;
  readonly passed: boolean;
  readonly checks: readonly EventCheck[];
  readonly counts: { readonly passed: number; readonly failed: number; readonly skipped: number };
  /** Set when the case could not run at all (setup failed, target unknown): every event then fails. */
  readonly error?: string;
}

const outcomeOf = (expectation: Expectation) => (typeof expectation === 'string' ? expectation : expectation.outcome);
const messageOf = (expectation: Expectation) => (typeof expectation === 'string' ? undefined : expectation.message);

/** `rejected with a message matching /price/`, as a report shows it. */
export function describeExpectation(expectation: Expectation): string {
  const message = messageOf(expectation);
  const outcome = outcomeOf(expectation);
  if (message === undefined) return outcome;
  return /^\/.+\/[a-z]*$/s.test(message)
    ? `${outcome} matching ${message}`
    : `${outcome} containing ${JSON.stringify(message)}`;
}

function checkOne(
  expectation: Expectation,
  actual: EventOutcome | undefined,
  collection: string,
  index: number,
): EventCheck {
  const expected = describeExpectation(expectation);
  const outcome: Outcome = actual?.outcome ?? 'unknown';
  const base = {
    collection,
    index,
    ...(actual?.id !== undefined ? { id: actual.id } : {}),
    expected,
    actual: outcome,
    ...(actual?.message !== undefined ? { actualMessage: actual.message } : {}),
  };
  const wanted = outcomeOf(expectation);
  if (wanted === 'any') return { ...base, passed: true };
  if (!actual) return { ...base, passed: false, reason: 'no result came back for this event' };
  if (wanted !== outcome) {
    return {
      ...base,
      passed: false,
      reason: `expected ${expected}, got ${outcome}${actual.message ? ` (${JSON.stringify(actual.message)})` : ''}`,
    };
  }
  const pattern = messageOf(expectation);
  if (pattern !== undefined) {
    const matches = messagePattern(pattern);
    if (!matches || !matches(actual.message ?? '')) {
      return {
        ...base,
        passed: false,
        reason: `${outcome} as expected, but the message ${JSON.stringify(actual.message ?? '')} does not ${pattern.startsWith('/') ? 'match' : 'contain'} ${pattern.startsWith('/') ? pattern : JSON.stringify(pattern)}`,
      };
    }
  }
  return { ...base, passed: true };
}

/** Compares every event's outcome with its expectation; outcomes are addressed by (collection, index). */
export function checkExpectations(testCase: TestCase, outcomes: readonly EventOutcome[], error?: string): CaseReport {
  const byPlace = new Map<string, EventOutcome>();
  for (const outcome of outcomes) byPlace.set(eventRef(outcome.collection, outcome.index), outcome);
  const checks: EventCheck[] = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const [collection, expectations] of Object.entries(testCase.expect)) {
    expectations.forEach((expectation, index) => {
      const check = checkOne(expectation, byPlace.get(eventRef(collection, index)), collection, index);
      const final =
        error !== undefined && check.passed && outcomeOf(expectation) !== 'any'
          ? { ...check, passed: false, reason: error }
          : check;
      checks.push(final);
      if (outcomeOf(expectation) === 'any') skipped++;
      else if (final.passed) passed++;
      else failed++;
    });
  }
  return {
    name: testCase.name,
    passed: failed === 0 && error === undefined,
    checks,
    counts: { passed, failed, skipped },
    ...(error !== undefined ? { error } : {}),
  };
}

export interface RecordOptions {
  /**
   * The results came from the local sandbox: the case starts from an empty one (`setup.reset`), and the
   * first copies of the events that came back duplicate are pushed first, so it reproduces anywhere.
   */
  readonly fromSandbox?: boolean;
}

const idKey = (id: string | number): string => `${typeof id}:${id}`;

/** Expectations from what happened: rejected events keep their message, so a changed message is noticed. */
export function recordTestCase(
  name: string,
  batch: Readonly<Record<string, readonly unknown[]>>,
  outcomes: readonly EventOutcome[],
  options: RecordOptions = {},
): TestCase {
  const byPlace = new Map<string, EventOutcome>();
  for (const outcome of outcomes) byPlace.set(eventRef(outcome.collection, outcome.index), outcome);
  const expect: Record<string, Expectation[]> = {};
  const copy: Record<string, unknown[]> = {};
  const firstCopies: Record<string, unknown[]> = {};
  for (const [collection, events] of Object.entries(batch)) {
    copy[collection] = [...events];
    // Ids stored by this batch itself: a later copy of one is a duplicate without any earlier push.
    const storedHere = new Set<string>();
    const pushedFirst = new Set<string>();
    expect[collection] = events.map((event, index): Expectation => {
      const actual = byPlace.get(eventRef(collection, index));
      if (!actual) return 'any';
      const id = eventId(event);
      if (id !== undefined && actual.outcome === 'accepted') storedHere.add(idKey(id));
      if (
        id !== undefined &&
        actual.outcome === 'duplicate' &&
        !storedHere.has(idKey(id)) &&
        !pushedFirst.has(idKey(id))
      ) {
        pushedFirst.add(idKey(id));
        (firstCopies[collection] ??= []).push(event);
      }
      if (actual.outcome === 'rejected' && actual.message) return { outcome: 'rejected', message: actual.message };
      return actual.outcome;
    });
  }
  if (!options.fromSandbox) return { name, batch: copy, expect };
  const push = Object.keys(firstCopies).length > 0 ? { push: firstCopies } : {};
  return { name, setup: { reset: true, ...push }, batch: copy, expect };
}
