// batch-studio test FILE...: runs QA test cases (a batch and the outcome expected for each event) against a
// fresh local sandbox or a profile, prints a per-case and per-event report, optionally JUnit XML for CI.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkExpectations, type CaseReport, type EventCheck } from '../../../core/qa/expectation-check';
import { testReportsToJunit, type CaseFileReport } from '../../../core/qa/test-junit';
import { parseTestCase, type TestCase } from '../../../core/qa/test-case';
import { isDelivered } from '../../../core/send/reconcile';
import { plural } from '../../../core/text/plural';
import { printable } from '../../../core/text/printable';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { loadSchemaFolder, schemaProblemLines, SchemaFolderError } from '../../services/schema-folder';
import { sendBatch } from '../../services/sender';
import { EXIT, readUtf8File, UsageError, type CliIo } from '../io';
import { fileErrorReason, readFlags } from '../command-line';
import { resolveProfileTarget } from './profiles';

const OPTIONS = {
  profile: { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'boolean', default: false },
  schemas: { type: 'string' },
  'confirm-production': { type: 'boolean', default: false },
  'user-data': { type: 'string' },
} as const;

interface Target {
  readonly label: string;
  readonly url: string;
  readonly projectId: string;
  readonly apiKey: string;
  /** Empties the target before a case; only the local sandbox can. */
  readonly reset?: () => Promise<void>;
}

interface LoadedCase {
  readonly file: string;
  readonly testCase: TestCase;
}

async function loadCase(io: CliIo, file: string): Promise<LoadedCase | string> {
  let text: string;
  try {
    text = await readUtf8File(resolve(io.cwd, file));
  } catch (error) {
    return `cannot read '${file}': ${fileErrorReason(error)}.`;
  }
  const parsed = parseTestCase(text);
  if (!parsed.ok) return `'${file}' is not a valid test case:\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`;
  return { file, testCase: parsed.testCase };
}

/** Sends a batch; a transport failure becomes events with their not-sent/unknown outcomes, as in the app. */
async function sendTo(target: Target, batch: TestCase['batch'], signal: AbortSignal) {
  return sendBatch({
    batch,
    url: target.url,
    projectId: target.projectId,
    apiKey: target.apiKey,
    signal,
    retries: 2,
    timeoutMs: 60_000,
  });
}

async function runCase(loaded: LoadedCase, target: Target | string, signal: AbortSignal): Promise<CaseReport> {
  const { testCase } = loaded;
  if (typeof target === 'string') return checkExpectations(testCase, [], target);
  try {
    if (target.reset) await target.reset();
    else if (testCase.setup?.reset)
      return checkExpectations(
        testCase,
        [],
        `setup.reset empties only the local sandbox, and this case runs against ${target.label}`,
      );
    if (testCase.setup?.push) {
      const setup = await sendTo(target, testCase.setup.push, signal);
      const failed = setup.outcomes.filter((o) => !isDelivered(o));
      if (failed.length > 0) {
        const first = failed[0];
        return checkExpectations(
          testCase,
          [],
          `setup.push did not store ${plural(failed.length, 'event')} (first: ${first?.collection}[${first?.index}] ${first?.outcome}${first?.message ? `: ${first.message}` : ''})`,
        );
      }
    }
    const result = await sendTo(target, testCase.batch, signal);
    return checkExpectations(testCase, result.outcomes);
  } catch (error) {
    return checkExpectations(
      testCase,
      [],
      `the case could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

const eventLine = (check: EventCheck): string => {
  const where = `${check.collection}[${check.index}]`;
  if (check.expected === 'any') return `  - ${where} ${check.actual} (not checked)`;
  if (check.passed)
    return `  ✓ ${where} ${check.actual}${check.expected !== check.actual ? ` (${check.expected})` : ''}`;
  return `  ✗ ${where} ${printable(check.reason ?? `expected ${check.expected}, got ${check.actual}`, true)}`;
};

const jsonCase = ({ file, report, durationMs }: CaseFileReport) => ({
  file,
  name: report.name,
  passed: report.passed,
  ...(report.error !== undefined ? { error: report.error } : {}),
  counts: report.counts,
  durationMs: durationMs ?? 0,
  events: report.checks.map((c) => ({
    collection: c.collection,
    index: c.index,
    id: c.id ?? null,
    expected: c.expected,
    actual: c.actual,
    message: c.actualMessage ?? null,
    passed: c.passed,
    reason: c.reason ?? null,
  })),
});

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = readFlags(argv, OPTIONS);
  if (positionals.length === 0) throw new UsageError('name at least one test-case file.');
  if (values.profile === '') throw new UsageError('--profile cannot be empty.');
  if (values.schemas !== undefined && values.profile !== undefined)
    throw new UsageError('--schemas applies to the local sandbox only; a profile enforces what its server enforces.');

  let usageProblems = 0;
  const cases: LoadedCase[] = [];
  for (const file of positionals) {
    const loaded = await loadCase(io, file);
    if (typeof loaded === 'string') {
      io.stderr(`batch-studio test: ${loaded}\n`);
      usageProblems++;
    } else cases.push(loaded);
  }

  // The local sandbox: started once for the run, emptied before each case, so cases never see each other's events.
  let sandbox: RunningSandbox | undefined;
  const localTarget = async (): Promise<Target> => {
    if (!sandbox) {
      let schemas;
      if (values.schemas !== undefined) {
        try {
          const loaded = await loadSchemaFolder(resolve(io.cwd, values.schemas), values.schemas);
          for (const line of schemaProblemLines(loaded.problems)) io.stderr(`batch-studio test: ${line}\n`);
          schemas = loaded.checks;
        } catch (error) {
          if (error instanceof SchemaFolderError) throw new UsageError(error.message);
          throw error;
        }
      }
      sandbox = await startSandbox({ host: '127.0.0.1', port: 0, ...(schemas ? { schemas } : {}) });
    }
    const running = sandbox;
    return {
      label: 'a fresh local sandbox',
      url: running.url,
      projectId: running.projectId,
      apiKey: running.keys.push,
      reset: () => running.reset(),
    };
  };
  const profileTargets = new Map<string, Target | string>();
  const profileTarget = async (name: string, fromFlag: boolean): Promise<Target | string> => {
    const known = profileTargets.get(name);
    if (known !== undefined) return known;
    let target: Target | string;
    try {
      const resolved = await resolveProfileTarget(io, argv, name, values['confirm-production'] === true);
      target = {
        label: `profile "${resolved.name}"`,
        url: resolved.url,
        projectId: resolved.projectId,
        apiKey: resolved.apiKey,
      };
    } catch (error) {
      // A wrong --profile is a usage error for the whole run; a wrong profile inside one case fails that case.
      if (fromFlag && error instanceof UsageError) throw error;
      target = `profile "${name}" cannot be used: ${error instanceof Error ? error.message : String(error)}`;
    }
    profileTargets.set(name, target);
    return target;
  };

  const reports: CaseFileReport[] = [];
  try {
    for (const loaded of cases) {
      if (io.interrupted.aborted) break;
      const profile = values.profile ?? loaded.testCase.profile;
      const target =
        profile === undefined ? await localTarget() : await profileTarget(profile, values.profile !== undefined);
      const started = Date.now();
      const report = await runCase(loaded, target, io.interrupted);
      reports.push({ file: loaded.file, report, durationMs: Date.now() - started });
      if (!values.json) {
        const { passed, failed, skipped } = report.counts;
        const counts = [
          `${passed} passed`,
          ...(failed > 0 ? [`${failed} failed`] : []),
          ...(skipped > 0 ? [`${skipped} not checked`] : []),
        ].join(', ');
        io.stdout(
          `${report.passed ? 'PASS' : 'FAIL'} ${loaded.file}: ${printable(report.name, true)} (${plural(report.checks.length, 'event')}: ${counts})\n`,
        );
        if (report.error !== undefined) io.stdout(`  ! ${printable(report.error, true)}\n`);
        for (const check of report.checks) io.stdout(`${eventLine(check)}\n`);
      }
    }
  } finally {
    await sandbox?.close();
  }

  const passedCases = reports.filter((r) => r.report.passed).length;
  const failedCases = reports.length - passedCases;
  const events = reports.flatMap((r) => r.report.checks);
  const failedEvents = events.filter((c) => !c.passed).length;
  if (values.json) {
    io.stdout(
      JSON.stringify(
        {
          cases: reports.map(jsonCase),
          summary: {
            cases: reports.length,
            passed: passedCases,
            failed: failedCases,
            events: events.length,
            failedEvents,
            unreadable: usageProblems,
          },
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.stderr(
      `${plural(reports.length, 'case')}: ${passedCases} passed, ${failedCases} failed; ${plural(events.length, 'event')}: ${events.length - failedEvents} as expected, ${failedEvents} not${usageProblems > 0 ? `; ${plural(usageProblems, 'file')} could not be read` : ''}.\n`,
    );
  }
  if (values.junit !== undefined) {
    try {
      await writeFile(resolve(io.cwd, values.junit), testReportsToJunit(reports));
    } catch (error) {
      io.stderr(
        `batch-studio test: cannot write '${values.junit}': ${(error as NodeJS.ErrnoException).code ?? String(error)}.\n`,
      );
      return EXIT.usage;
    }
  }
  if (usageProblems > 0) return EXIT.usage;
  return failedCases > 0 ? EXIT.failed : EXIT.ok;
}
