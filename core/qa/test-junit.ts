// Test-case reports as JUnit XML for CI: one testsuite per case file, one testcase per event, a failure
// (expected vs actual) for every event that did not come out as expected. Written by the one JUnit writer.
import { junitXml, type JunitCase } from '../formats/junit-xml';
import { eventCaseName } from '../formats/results-junit';
import type { CaseReport } from './expectation-check';

export interface CaseFileReport {
  /** The file as named on the command line. */
  readonly file: string;
  readonly report: CaseReport;
  readonly durationMs?: number;
}

type Check = CaseReport['checks'][number];

function caseOf(reportName: string, check: Check): JunitCase {
  const base = {
    classname: `${reportName}.${check.collection}`,
    name: eventCaseName(check.collection, check.index, check.id),
    timeMs: 0,
  };
  if (check.expected === 'any') return { ...base, skipped: 'not checked (expected: any)' };
  if (check.passed) return base;
  const detail = `expected: ${check.expected}\nactual: ${check.actual}${check.actualMessage !== undefined ? `\nmessage: ${check.actualMessage}` : ''}`;
  return {
    ...base,
    failure: { type: check.actual, message: check.reason ?? `expected ${check.expected}, got ${check.actual}`, detail },
  };
}

export function testReportsToJunit(files: readonly CaseFileReport[], name = 'batch-studio test'): string {
  return junitXml(
    name,
    files.map(({ file, report, durationMs }) => ({
      name: report.name,
      file,
      ...(durationMs !== undefined ? { timeMs: durationMs } : {}),
      ...(report.error !== undefined ? { systemErr: report.error } : {}),
      cases: report.checks.map((check) => caseOf(report.name, check)),
    })),
  );
}
