// QA in the app: "Record expectations" turns a batch and its results into a test-case file; "Run test"
// reads one, runs its setup (reset the local sandbox, push the first copies) and, once the batch has been
// sent like any other, compares every result with its expectation. Against the Local sandbox a test runs in
// a fresh temporary sandbox unless asked to use the current one, so its reset never deletes stored events.
// First: test cases are read with zod below, which must not probe eval under the renderer's CSP.
import './zod-jitless';
import { useCallback, useMemo, useState } from 'react';
import { checkExpectations, recordTestCase, type CaseReport } from '../../../core/qa/expectation-check';
import { parseTestCase, type TestCase } from '../../../core/qa/test-case';
import type { EventOutcome } from '../../../core/send/outcome';
import { isDelivered } from '../../../core/send/reconcile';
import type { Profile } from '../../../electron/contract/channels';
import { messageOf, type Host } from '../../platform/host';
import { downloadText } from '../results/download';
import { startSend } from '../send/send-calls';

export interface ActiveTest {
  readonly testCase: TestCase;
  readonly fileName: string;
  /** The document the test's batch was opened in: its results are the ones checked. */
  readonly docId: string;
}

export interface TestRun {
  readonly active: ActiveTest | undefined;
  readonly error: string | undefined;
  /** Reads a test-case file; undefined (and `error` set) when it is not a valid one. */
  read(text: string, fileName: string): TestCase | undefined;
  /** Remembers which document runs the test. */
  start(testCase: TestCase, fileName: string, docId: string): void;
  /** Run tests against the user's own sandbox (its stored events) instead of a fresh temporary one. */
  readonly inCurrent: boolean;
  setInCurrent(inCurrent: boolean): void;
  /** The case's setup on the chosen target; resolves false (with `error`) when it could not be done. */
  setup(testCase: TestCase, profile: Profile, confirmed: boolean): Promise<boolean>;
  /** Ends the run's temporary sandbox, if it has one: sends to the Local sandbox reach the user's again. */
  finish(): Promise<void>;
  /** Expected vs actual for the results of the test's document; undefined for other results. */
  reportFor(outcomes: readonly EventOutcome[], docId: string | undefined): CaseReport | undefined;
  /** Saves the batch and its results as a test-case file (a download). */
  record(name: string, batchText: string, outcomes: readonly EventOutcome[], fromSandbox: boolean): void;
  stop(): void;
}

/** The batch of a test case as the editor shows it. */
export const testBatchText = (testCase: TestCase): string => `${JSON.stringify(testCase.batch, null, 2)}\n`;

const fileNameOf = (name: string): string =>
  `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'test'}.case.json`;

export function useTestRun(host: Host): TestRun {
  const [active, setActive] = useState<ActiveTest | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [inCurrent, setInCurrent] = useState(false);

  const finish = useCallback(async () => {
    await host.invoke('sandbox:use-temporary', { on: false }).catch(() => undefined);
  }, [host]);

  const read = useCallback((text: string, fileName: string) => {
    const parsed = parseTestCase(text);
    if (!parsed.ok) {
      setError(
        `${fileName} is not a valid test case: ${parsed.errors.slice(0, 3).join('; ')}${parsed.errors.length > 3 ? ` (and ${parsed.errors.length - 3} more)` : ''}`,
      );
      return undefined;
    }
    setError(undefined);
    return parsed.testCase;
  }, []);

  const setup = useCallback(
    async (testCase: TestCase, profile: Profile, confirmed: boolean) => {
      try {
        if (profile.builtIn && !inCurrent) await host.invoke('sandbox:use-temporary', { on: true });
        if (testCase.setup?.reset) {
          if (!profile.builtIn) {
            setError(
              `“${testCase.name}” empties the sandbox first (setup.reset), which only the Local sandbox allows: choose it as the target.`,
            );
            return false;
          }
          await host.invoke('sandbox:reset', {});
        }
        if (testCase.setup?.push) {
          const report = await startSend(host, {
            runId: crypto.randomUUID(),
            profileId: profile.id,
            batchText: JSON.stringify(testCase.setup.push),
            mode: 'all',
            ...(confirmed ? { confirmed } : {}),
          });
          const failed = report.outcomes.filter((o) => !isDelivered(o));
          if (failed.length > 0) {
            setError(
              `The test's setup push did not store ${failed.length} event(s): ${failed[0]?.message ?? failed[0]?.outcome ?? ''}`,
            );
            await finish();
            return false;
          }
        }
        return true;
      } catch (e) {
        setError(`The test's setup failed: ${messageOf(e)}`);
        await finish();
        return false;
      }
    },
    [host, inCurrent, finish],
  );

  const reportFor = useCallback(
    (outcomes: readonly EventOutcome[], docId: string | undefined) =>
      active && docId === active.docId && outcomes.length > 0
        ? checkExpectations(active.testCase, outcomes)
        : undefined,
    [active],
  );

  const record = useCallback(
    (name: string, batchText: string, outcomes: readonly EventOutcome[], fromSandbox: boolean) => {
      let batch: unknown;
      try {
        batch = JSON.parse(batchText);
      } catch {
        setError('The batch is not valid JSON any more: send it again before recording.');
        return;
      }
      if (
        typeof batch !== 'object' ||
        batch === null ||
        Array.isArray(batch) ||
        !Object.values(batch).every(Array.isArray)
      ) {
        setError('Only a batch of collections can be recorded as a test case.');
        return;
      }
      const testCase = recordTestCase(name, batch as Record<string, unknown[]>, outcomes, { fromSandbox });
      setError(undefined);
      downloadText(fileNameOf(name), `${JSON.stringify(testCase, null, 2)}\n`, 'application/json');
    },
    [],
  );

  return useMemo(
    () => ({
      active,
      error,
      read,
      start: (testCase, fileName, docId) => {
        setError(undefined);
        setActive({ testCase, fileName, docId });
      },
      inCurrent,
      setInCurrent,
      setup,
      finish,
      reportFor,
      record,
      stop: () => setActive(undefined),
    }),
    [active, error, read, inCurrent, setup, finish, reportFor, record],
  );
}
