// Test-case reports as JUnit XML for CI: one testsuite per case file, one testcase per event, a failure
// (expected vs actual) for every event that did not come out as expected.
import { xmlText } from '../formats/results-junit';
import type { CaseReport } from './expectation-check';

export interface CaseFileReport {
  /** The file as named on the command line. */
  readonly file: string;
  readonly report: CaseReport;
  readonly durationMs?: number;
}

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

export function testReportsToJunit(files: readonly CaseFileReport[], name = 'batch-studio test'): string {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const body: string[] = [];
  for (const { file, report, durationMs } of files) {
    const suiteSkipped = report.counts.skipped;
    const suiteFailures = report.checks.filter((c) => !c.passed).length;
    tests += report.checks.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    body.push(
      `  <testsuite name="${xmlText(report.name)}" file="${xmlText(file)}" tests="${report.checks.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}" time="${seconds(durationMs)}">`,
    );
    if (report.error !== undefined) body.push(`    <system-err>${xmlText(report.error)}</system-err>`);
    for (const check of report.checks) {
      const caseName = xmlText(`${check.collection}[${check.index}]${check.id !== undefined ? ` id ${JSON.stringify(check.id)}` : ''}`);
      const open = `    <testcase classname="${xmlText(`${report.name}.${check.collection}`)}" name="${caseName}" time="0"`;
      if (check.expected === 'any') body.push(`${open}><skipped message="not checked (expected: any)"/></testcase>`);
      else if (check.passed) body.push(`${open}/>`);
      else {
        const message = xmlText(check.reason ?? `expected ${check.expected}, got ${check.actual}`);
        const detail = xmlText(`expected: ${check.expected}\nactual: ${check.actual}${check.actualMessage !== undefined ? `\nmessage: ${check.actualMessage}` : ''}`);
        body.push(`${open}><failure type="${xmlText(check.actual)}" message="${message}">${detail}</failure></testcase>`);
      }
    }
    body.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
