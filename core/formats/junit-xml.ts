// The one JUnit XML writer: send results and QA test runs both become suites of cases through it, so a CI
// system reads every report of the product with the same attributes (tests, failures, errors, skipped, time).

export interface JunitCase {
  readonly classname: string;
  readonly name: string;
  readonly timeMs?: number;
  readonly failure?: { readonly type: string; readonly message: string; readonly detail: string };
  /** Why the case was not checked. */
  readonly skipped?: string;
}

export interface JunitSuite {
  readonly name: string;
  /** The file the suite came from, when there is one. */
  readonly file?: string;
  readonly timeMs?: number;
  readonly systemErr?: string;
  readonly cases: readonly JunitCase[];
}

// XML 1.0 cannot hold most control characters at all, even escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

interface Tally {
  tests: number;
  failures: number;
  skipped: number;
}

const tallyOf = (cases: readonly JunitCase[]): Tally => ({
  tests: cases.length,
  failures: cases.filter((c) => c.failure !== undefined).length,
  skipped: cases.filter((c) => c.failure === undefined && c.skipped !== undefined).length,
});

const counts = (t: Tally): string => `tests="${t.tests}" failures="${t.failures}" errors="0" skipped="${t.skipped}"`;

function caseXml(c: JunitCase): string {
  const open = `    <testcase classname="${xmlText(c.classname)}" name="${xmlText(c.name)}" time="${seconds(c.timeMs)}"`;
  if (c.failure)
    return `${open}><failure type="${xmlText(c.failure.type)}" message="${xmlText(c.failure.message)}">${xmlText(c.failure.detail)}</failure></testcase>`;
  if (c.skipped !== undefined) return `${open}><skipped message="${xmlText(c.skipped)}"/></testcase>`;
  return `${open}/>`;
}

/** The whole document; lines are built one case at a time, so 100,000 cases stay one join. */
export function junitXml(name: string, suites: readonly JunitSuite[]): string {
  const total: Tally = { tests: 0, failures: 0, skipped: 0 };
  const body: string[] = [];
  for (const suite of suites) {
    const tally = tallyOf(suite.cases);
    total.tests += tally.tests;
    total.failures += tally.failures;
    total.skipped += tally.skipped;
    const file = suite.file !== undefined ? ` file="${xmlText(suite.file)}"` : '';
    body.push(`  <testsuite name="${xmlText(suite.name)}"${file} ${counts(tally)} time="${seconds(suite.timeMs)}">`);
    if (suite.systemErr !== undefined) body.push(`    <system-err>${xmlText(suite.systemErr)}</system-err>`);
    for (const c of suite.cases) body.push(caseXml(c));
    body.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(name)}" ${counts(total)}>`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
